from danvan.core.text import fold, search_terms, sort_key


def test_it_folds_case_and_diacritics_including_d():
    assert fold("Đảng bộ") == "dang bo"
    assert fold("NÔNG THÔN MỚI") == "nong thon moi"
    assert fold("  Ủy   ban ") == "uy ban"
    assert search_terms("Vĩnh  Tường") == ["vinh", "tuong"]


def test_it_sorts_in_vietnamese_order():
    names = ["Yên Lạc", "Đống Đa", "Ân Thi", "Bình Xuyên", "Dũng Tiến", "An Hòa"]
    assert sorted(names, key=sort_key) == [
        "An Hòa",
        "Ân Thi",
        "Bình Xuyên",
        "Dũng Tiến",
        "Đống Đa",
        "Yên Lạc",
    ]
