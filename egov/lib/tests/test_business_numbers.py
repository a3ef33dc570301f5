"""Korean business registration numbers: worked examples of the check digit."""

from egov.lib.business_numbers import check_digit, formatted, normalize


def test_the_check_digit_of_a_worked_example() -> None:
    # 124-81-00998: 1·1 + 2·3 + 4·7 + 8·1 + 1·3 + 0·7 + 0·1 + 9·3 + 9·5 = 118,
    # plus the tens of 9·5 (4) = 122; 10 - 2 = 8, the last digit.
    assert check_digit("124810099") == 8
    assert normalize("124-81-00998") == "1248100998"


def test_a_sum_ending_in_zero_gives_a_zero_check_digit() -> None:
    # 1·1 + 0 ... + 0 + 9·5 = 46, plus 4 = 50: the check digit is 0.
    assert check_digit("100000009") == 0
    assert normalize("1000000090") == "1000000090"


def test_it_accepts_the_number_with_or_without_dashes() -> None:
    assert normalize("2208162517") == normalize(" 220-81-62517 ") == "2208162517"


def test_it_refuses_a_wrong_check_digit_and_malformed_input() -> None:
    for text in (
        "124-81-00997",
        "12481009",
        "124-81-009980",
        "abc-de-fghij",
        "",
        "\uff11\uff12\uff14\uff18\uff11\uff10\uff10\uff19\uff19\uff18",
    ):
        assert normalize(text) is None, text


def test_it_writes_a_number_the_usual_way() -> None:
    assert formatted("1248100998") == "124-81-00998"
