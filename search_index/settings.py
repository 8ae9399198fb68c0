"""The user's small settings file (JSON in the platform's user config folder).

Only choices worth keeping between sessions live here — the citation form and the app's
colour theme. A file
that is missing, unreadable or malformed yields the defaults: settings never stop the app.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from search_index.citation import CitationFormat

APP_NAME = "pressroom"
SETTINGS_FILE = "settings.json"


class Settings(BaseModel):
    """Choices that persist between sessions."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    citation_format: CitationFormat = "plain"
    """The form copied and `pressroom cite` citations take: "plain" or "markdown"."""
    theme: str | None = None
    """The app's colour theme (a Textual theme's name); None: Textual's default."""


def default_settings_path() -> Path:
    """Where the settings live: `settings.json` in the platform's user config folder."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults when there are none or they cannot be read."""
    target = default_settings_path() if path is None else path
    try:
        raw = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Settings()
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    try:
        return Settings.model_validate(data)
    except ValidationError:
        # Keep whatever is still valid, drop what is not.
        valid = {}
        for name in Settings.model_fields:
            if name in data:
                try:
                    Settings.model_validate({name: data[name]})
                except ValidationError:
                    continue
                valid[name] = data[name]
        return Settings.model_validate(valid)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write `settings` atomically (a temporary file, then a rename); returns the path."""
    target = default_settings_path() if path is None else path
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(settings.model_dump(mode="json", exclude_none=True), indent=2) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(payload)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def settings_folder(path: Path | None = None) -> Path:
    """The folder the settings file `path` is in (None: the user config folder); the marks
    and the search history are kept beside the settings."""
    return (default_settings_path() if path is None else path).parent
