"""pressroom's domain: press-conference transcripts read, searched, measured and quoted.

The pipeline, in the order a transcript travels it::

    file bytes ──decode──▶ text ──parse──▶ Transcript ──┬──▶ figures   (what was quoted)
    (parser/decoding.py)   (parser/)      (models.py)   ├──▶ index     (full-text search)
                                                        ├──▶ insights  (across the library)
                                                        └──▶ citation  (a passage, attributed)

- `parser/` turns bytes into the model: `decoding.py` finds the encoding and repairs the
  text (`html.py`, `frontmatter.py` for web pages and Markdown), then `pipeline.py` runs the
  stages, each deciding over the whole document: `lines` (page furniture out), `candidates`
  and `label_styles` (which lines carry speaker labels, rosters, fields), `turns`, `header`
  (title, date, place, opening speech), `speakers` and `names` (one person per set of labels,
  readable names), `roles` and `turn_acts` (kinds from what people do) and `exchanges`
  (questions, answers, askers). `load_transcript(path)` is the entry point.
- `models.py` holds the pydantic model (`Transcript`, `Speaker`, `Turn`, `Exchange`) that
  every later stage reads (the models are frozen, and every string they are built with
  loses its control characters: `controls.py` holds that one rule, so nothing read from a
  file can drive a terminal).
- `library.py` finds the transcript files under folders and reads them one at a time
  (`iter_library`), skipping with a one-line reason any file that cannot be loaded.
- `figures/` extracts every figure an official quoted from a turn: "218 billion yuan",
  normalised to a value, a unit and what it measures.
- `index/` keeps the Whoosh search index of every turn (all Whoosh use is there), answers
  queries, and finds where a query's words occur in a text.
- `insights/` looks across a library: the figures ledger, speaker and outlet statistics,
  keyword in context, and exports of each as JSON, CSV or Markdown.
- `citation.py` quotes a passage and attributes it to the person who said it.
- `errors.py` (one-line errors with exit codes), `settings.py` (the user's choices) and
  `sample.py` (the bundled sample briefing) serve them all.

Nothing here imports Textual or the app in `tui/`; importing this package imports nothing.
"""
