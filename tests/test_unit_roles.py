"""The text features units are tested against mark exactly the characters they name."""
import numpy as np
import pytest

from lstm_core.unit_roles import FEATURES, feature


def marks(name, text):
    v = feature(name, text)
    return "".join(("#" if x else ".") if v.dtype == bool else str(int(x))[-1] for x in v)


CODE = 'x = f("a(b", \'c\')  # it\'s (\ny = """q\n(x"""\nif (a[1]):\n    z = 2\n'


def test_string_literals_include_their_quotes_and_ignore_quotes_in_comments():
    assert marks("in_string", CODE) == "......#####..###................##########......................"


def test_a_string_is_one_line_or_triple_quoted_and_prose_is_a_docstring_or_a_comment():
    """in_string's parts (the Python model keeps a docstring with the comments, not with a one-line string)."""
    assert marks("in_one_line_string", CODE) == "......#####..###" + "." * 48
    assert marks("in_triple_string", CODE) == "." * 32 + "##########" + "." * 22
    assert marks("in_prose", CODE) == "." * 19 + "########" + "....." + "##########" + "." * 22   # '# it's (' too
    for text in (CODE, "'''a\n'b'", 'f"x{y}" # c'):
        one, triple = feature("in_one_line_string", text), feature("in_triple_string", text)
        assert np.array_equal(one | triple, feature("in_string", text)) and not (one & triple).any()


def test_bracket_depth_skips_brackets_inside_strings_and_comments():
    assert marks("bracket_depth", CODE) == "0000011111111111000000000000000000000000000000112210000000000000"


def test_inside_brackets_of_code_ignores_brackets_in_strings_and_comments():
    assert marks("in_code_brackets", CODE) == marks("bracket_depth", CODE).replace("0", ".").replace("1", "#").replace(
        "2", "#").replace("3", "#")


def test_indentation_counts_the_lines_leading_spaces():
    assert marks("indent", CODE) == "0" * 54 + "4" * 10


def test_a_one_quote_string_ends_at_the_end_of_its_line_and_escapes_do_not_end_it():
    assert marks("in_string", 'a = "x\\"y\nb') == "....#####.."


def test_speaker_lines_and_the_newline_to_come():
    text = "First Citizen:\nBefore we proceed.\n\nROMEO:\nHi: there\n"
    assert marks("speaker_line", text) == "#" * 15 + "." * 20 + "#" * 7 + "." * 10
    assert marks("newline_next", text) == ".............#..................##......#.........#."


def test_position_in_a_line_of_verse_and_its_end():
    text = "床前明月光，疑是地上霜。\n举头"
    assert marks("position_in_verse", text) == "012345012345001"
    assert marks("line_end", text) == "....#.....#...."


def test_the_second_line_of_a_couplet_runs_from_its_comma_to_before_its_full_stop():
    text = "床前明月光，疑是地上霜。举头望明月，低头\n春眠"
    assert marks("second_line", text) == "....." + "######" + "." + "....." + "###" + "..."


@pytest.mark.parametrize("name", sorted(FEATURES))
def test_every_feature_gives_one_value_per_character_even_for_empty_and_odd_text(name):
    for text in ("", "a", "\n\n", "'''", '"""a', "<a&b>", "([{", "x" * 50):
        assert feature(name, text).shape == (len(text),)


def test_an_unknown_feature_is_a_clear_error():
    with pytest.raises(ValueError, match="no feature named"):
        feature("nope", "abc")
    assert np.array_equal(feature("digit", "a1"), [False, True])
