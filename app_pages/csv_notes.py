"""What a CSV reader guessed and cut (readers.series_csv's Notes), said in the page in the user's language."""
import streamlit as st

from app_pages.common import T
from viz.text_view import md_escape


def _literal(details):
    """What came from the file (column names, cells) made literal Markdown."""
    return {k: md_escape(v) if isinstance(v, str) else v for k, v in details.items()}


def note_text(note):
    """One Note as a sentence in the user's language."""
    return T(note.key, **_literal(note.details))


def error_text(err):
    """An UploadError as a sentence in the user's language."""
    return T(err.key, **_literal(err.details))


def show_reading(notes, more=()):
    """Every guess and cut in one box, above what the page draws from the file. more: sentences already in the
    user's language (what the page itself cuts)."""
    lines = [note_text(n) for n in notes] + list(more)
    title = T("csv_read_title")
    st.info(f"**{title}**\n\n" + "\n".join(f"- {line}" for line in lines))
