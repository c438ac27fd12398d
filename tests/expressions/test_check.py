from diagnostic.expressions import BOOL, DATE, LIST, NUMBER, TEXT, NameInfo, check, parse

SCOPE = {
    "has_licence": NameInfo(BOOL),
    "licence_kind": NameInfo(TEXT, frozenset({"b", "foreign"})),
    "transport": NameInfo(LIST, frozenset({"car", "bus"})),
    "age": NameInfo(NUMBER),
    "birth": NameInfo(DATE),
}


def issues(text):
    kind, found = check(parse(text), SCOPE)
    return kind, [(i.code, i.offset) for i in found], [i.message for i in found]


def test_unknown_name_with_a_suggestion():
    kind, codes, messages = issues("has_licence_ and age > 3")
    assert codes == [("E203", 0)]
    assert "vouliez-vous dire 'has_licence'" in messages[0]


def test_choice_values_are_checked_everywhere_they_can_appear():
    assert [c for c, _ in issues("licence_kind == 'foreig'")[1]] == ["E206"]
    assert [c for c, _ in issues("licence_kind in ['b', 'x']")[1]] == ["E206"]
    assert [c for c, _ in issues("'train' in transport")[1]] == ["E206"]
    assert [c for c, _ in issues("any_of(transport, ['car', 'plane'])")[1]] == ["E206"]
    assert issues("licence_kind == 'foreign' and 'bus' in transport")[1] == []


def test_types_that_can_never_match():
    assert issues("has_licence == 'oui'")[1][0][0] == "E306"
    assert issues("age + 'x' > 1")[1][0][0] == "E306"
    assert issues("years_since(age) > 1")[1][0][0] == "E304"
    assert issues("age and has_licence")[1][0][0] == "E305"


def test_condition_type_is_reported_so_a_caller_can_insist_on_a_boolean():
    assert issues("age + 1")[0] == NUMBER
    assert issues("age > 1")[0] == BOOL


def test_function_arity_and_name_arguments():
    assert issues("answered(1)")[1][0][0] == "E304"
    assert issues("count(transport, age)")[1][0][0] == "E304"
