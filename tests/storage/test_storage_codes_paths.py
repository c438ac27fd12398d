"""Retrieval codes and the data folder."""
from __future__ import annotations

import collections
import math

import pytest

from diagnostic.storage import codes, paths


def test_codes_have_enough_entropy_and_no_ambiguous_symbol():
    assert len(codes.ALPHABET) == len(set(codes.ALPHABET)) == 28
    assert not set("01OIL") & set(codes.ALPHABET)
    assert not set("BSU") & set(codes.ALPHABET)     # read as 8, 5, V
    assert codes.ENTROPY_BITS == pytest.approx(10 * math.log2(28)) and codes.ENTROPY_BITS >= 45


def test_new_codes_are_random_over_the_whole_alphabet():
    drawn = [codes.new_code() for _ in range(3000)]
    assert len(set(drawn)) == len(drawn)
    assert all(len(c) == 10 and set(c) <= set(codes.ALPHABET) for c in drawn)
    counts = collections.Counter("".join(drawn))
    assert set(counts) == set(codes.ALPHABET)
    expected = 30000 / 28
    assert all(abs(n - expected) < 0.25 * expected for n in counts.values())
    positions = collections.Counter(c[0] for c in drawn)
    assert len(positions) == 28


@pytest.mark.parametrize("typed, expected", [
    ("ACDE-2345-XY", "ACDE2345XY"),
    ("acde 2345 xy", "ACDE2345XY"),
    ("  a-c-d-e-2-3-4-5-x-y ", "ACDE2345XY"),
    ("ACDE_2345.XY", "ACDE2345XY"),
    ("acde-234s-xy", "ACDE2345XY"),   # S read as 5
    ("bcde-2345-xu", "8CDE2345XV"),   # B → 8, U → V
    ("ACDE-2345-X", None), ("ACDE-2345-XYZ", None), ("ACDE-2345-X0", None),
    ("ACDE-2345-XO", None), ("ACDE-2345-XI", None), ("ACDE-2345-XL", None), ("", None), (None, None),
])
def test_typed_codes_are_normalised(typed, expected):
    assert codes.normalize_code(typed) == expected


def test_codes_are_shown_in_groups():
    assert codes.format_code("ACDE2345XY") == "ACDE-2345-XY"
    assert codes.format_code("acde 2345 xy") == "ACDE-2345-XY"


def test_data_folder_precedence():
    env = {"HOME": "/home/ana"}
    assert paths.default_data_dir(env) == paths.Path("/home/ana/.local/share/diagnostic")
    env["XDG_DATA_HOME"] = "relative/ignored"
    assert paths.default_data_dir(env) == paths.Path("/home/ana/.local/share/diagnostic")
    env["XDG_DATA_HOME"] = "/srv/xdg"
    assert paths.default_data_dir(env) == paths.Path("/srv/xdg/diagnostic")
    env["DIAGNOSTIC_DATA_DIR"] = "/var/lib/kiosk"
    assert paths.default_data_dir(env) == paths.Path("/var/lib/kiosk")
    assert paths.resolve_data_dir("/tmp/opt", env) == paths.Path("/tmp/opt")
    assert paths.resolve_data_dir(None, env) == paths.Path("/var/lib/kiosk")
    assert paths.resolve_data_dir("~/d", env).is_absolute()
