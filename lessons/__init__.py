"""The guided lesson (/learn) and the comparison (/compare): lesson text as Markdown per step and language
(lessons/en, lessons/zh) and the live demonstrations the text refers to (demos.py)."""
