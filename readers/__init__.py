"""Readers of files users bring: bytes in, plain data and what was guessed out. No Streamlit, no Plotly."""
