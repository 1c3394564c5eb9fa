"""What a CSV reader guessed and cut (readers.series_csv's Notes), said in the page in the user's language."""
import streamlit as st

from app_pages.common import T
from viz.text_view import md_escape


def note_text(note):
    """One Note as a sentence; what came from the file (names, cells) is made literal Markdown."""
    return T(note.key, **{k: md_escape(v) if isinstance(v, str) else v for k, v in note.details.items()})


def show_reading(notes, more=()):
    """Every guess and cut in one box, above what the page draws from the file. more: sentences already in the
    user's language (what the page itself cuts)."""
    lines = [note_text(n) for n in notes] + list(more)
    title = T("csv_read_title")
    st.info(f"**{title}**\n\n" + "\n".join(f"- {line}" for line in lines))
