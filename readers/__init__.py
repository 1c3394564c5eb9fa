"""Readers of files users bring (CSV series, Keras models): bytes in, plain data and what was guessed out. No
Streamlit, no Plotly."""
