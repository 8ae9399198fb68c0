"""Unit tests of the domain (search_index): parser, figures, index, insights, citation."""
