"""Readers of files made by other tools (Keras), turned into lstm_core networks."""
