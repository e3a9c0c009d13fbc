"""Reading and checking a folder of hand annotations (helpers.evaluate.annotations)."""

from pathlib import Path

import pytest

from helpers.contract import vocab
from helpers.evaluate.annotations import AnnotationError, read_annotation, read_sources, read_truth

HEADER = "zone,level,admin1,measure,group,subgroup,perpetrator,value,qualifier,scope,note\n"
ROW = "badia,breakdown,Homs,killed,government_forces,,isis,7,exact,report,seven soldiers near Palmyra\n"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def test_an_annotation_file_becomes_strings_with_line_numbers(tmp_path):
    path = write(tmp_path / "r1.csv", HEADER + ROW + "\n" + "all,total,,operations,all,,isis,12,at_least,"
                                                           "report,\n")
    frame = read_annotation(path)
    assert frame["line"].tolist() == [2, 4]  # the blank line 3 is skipped, the numbering is the file's
    assert frame.iloc[0].to_dict() == {
        "line": 2, "zone": "badia", "level": "breakdown", "admin1": "Homs", "measure": "killed",
        "group": "government_forces", "subgroup": "", "perpetrator": "isis", "value": "7",
        "qualifier": "exact", "scope": "report", "note": "seven soldiers near Palmyra"}
    assert frame.iloc[1]["admin1"] == "" and frame.iloc[1]["note"] == ""


def test_note_is_optional_extra_columns_ignored_spaces_stripped_bom_accepted(tmp_path):
    text = "\ufeffzone, level,admin1,measure,group,subgroup,perpetrator,value,qualifier,scope,checked_by\n" \
           "sdf_areas, total,,arrested,isis,,sdf, 3 ,exact,report,someone\n"
    frame = read_annotation(write(tmp_path / "r1.csv", text))
    assert list(frame.columns) == ["line", "zone", "level", "admin1", "measure", "group", "subgroup",
                                   "perpetrator", "value", "qualifier", "scope", "note"]
    assert frame.iloc[0][["level", "value", "note"]].tolist() == ["total", "3", ""]


def test_a_header_only_file_means_the_report_states_no_figure(tmp_path):
    assert read_annotation(write(tmp_path / "r1.csv", HEADER)).empty


def test_a_missing_column_is_named(tmp_path):
    path = write(tmp_path / "r1.csv", "zone,level,measure,group,value\nbadia,total,killed,all,3\n")
    with pytest.raises(AnnotationError, match=r"r1\.csv: line 1: missing columns admin1, subgroup, "
                                              r"perpetrator, qualifier, scope"):
        read_annotation(path)


def test_a_row_with_the_wrong_number_of_fields_names_file_and_line(tmp_path):
    path = write(tmp_path / "r1.csv", HEADER + ROW + "badia,total,,killed,all,,isis,3,exact,report,a, b\n")
    with pytest.raises(AnnotationError) as error:
        read_annotation(path)
    assert str(error.value) == (f"{path}: line 3: 12 fields, but the header names 11 (a comma inside a value "
                                "needs double quotes)")


def test_malformed_quoting_names_file_and_line(tmp_path):
    path = write(tmp_path / "r1.csv", HEADER + ROW + 'badia,total,,killed,all,,isis,3,exact,report,"a"b\n')
    with pytest.raises(AnnotationError, match=r"r1\.csv: line 3: malformed CSV"):
        read_annotation(path)


def test_an_unknown_value_names_the_allowed_ones_from_the_contract(tmp_path):
    path = write(tmp_path / "r1.csv", HEADER + ROW.replace("killed", "dead"))
    with pytest.raises(AnnotationError) as error:
        read_annotation(path)
    assert str(error.value) == f"{path}: line 2: measure is 'dead'; allowed: {', '.join(vocab.MEASURES)}"


def test_optional_columns_may_be_empty_the_others_may_not(tmp_path):
    path = write(tmp_path / "r1.csv", HEADER + "badia,total,,killed,all,,,3,exact,,\n")
    with pytest.raises(AnnotationError, match=r"line 2: scope is empty; allowed: report, cumulative$"):
        read_annotation(path)
    path = write(tmp_path / "r2.csv", HEADER + "badia,total,Homz,killed,all,,,3,exact,report,\n")
    with pytest.raises(AnnotationError, match=r"line 2: admin1 is 'Homz'; allowed: Damascus, .*, Quneitra "
                                              r"or empty$"):
        read_annotation(path)


@pytest.mark.parametrize("value", ["", "3.0", "-1", "about 3", "٣"])
def test_value_must_be_a_whole_number_in_digits(tmp_path, value):
    path = write(tmp_path / "r1.csv", HEADER + f"badia,total,,killed,all,,isis,{value},exact,report,\n")
    with pytest.raises(AnnotationError, match=r"line 2: value is .*; expected a whole number"):
        read_annotation(path)


def test_an_empty_or_undecodable_file_is_named(tmp_path):
    with pytest.raises(AnnotationError, match=r"r1\.csv: empty file"):
        read_annotation(write(tmp_path / "r1.csv", ""))
    path = tmp_path / "r2.csv"
    path.write_bytes(HEADER.encode() + "مقتل".encode("cp1256") + b"\n")
    with pytest.raises(AnnotationError, match=r"r2\.csv: not UTF-8 text"):
        read_annotation(path)


# --------------------------------------------------------------------------------------------- sources


def test_sources_default_the_category_and_keep_month_in_text(tmp_path):
    path = write(tmp_path / "s.csv", "id,category,month,month_in_text,url\na,series,112,yes,x\nb,,,,y\n")
    table, month_scored = read_sources(path)
    assert month_scored
    assert table.to_dict("records") == [
        {"id": "a", "category": "series", "month": "112", "month_in_text": "yes"},
        {"id": "b", "category": "all", "month": "", "month_in_text": ""}]


def test_a_month_column_alone_means_stated_where_given(tmp_path):
    table, month_scored = read_sources(write(tmp_path / "s.csv", "id,month\na,112\nb,\n"))
    assert month_scored and table["month_in_text"].tolist() == ["yes", "no"]
    table, month_scored = read_sources(write(tmp_path / "t.csv", "id,category\na,x\n"))
    assert not month_scored


@pytest.mark.parametrize(("text", "message"), [
    ("id,month\na,112\na,113\n", r"line 3: id 'a' repeats line 2"),
    ("id,month\na,month 112\n", r"line 2: month is 'month 112'; expected a caliphate month number"),
    ("id,month,month_in_text\na,112,maybe\n", r"line 2: month_in_text is 'maybe'; allowed: yes, no or empty"),
    ("id,month,month_in_text\na,,yes\n", r"line 2: month_in_text is yes but the month is empty"),
    ("category\nx\n", r"line 1: missing column id"),
])
def test_bad_sources_are_named(tmp_path, text, message):
    with pytest.raises(AnnotationError, match=message):
        read_sources(write(tmp_path / "s.csv", text))


# --------------------------------------------------------------------------------------------- the folder


def test_without_sources_every_file_is_scored_in_category_all_months_not(tmp_path):
    write(tmp_path / "b.csv", HEADER + ROW)
    write(tmp_path / "a.csv", HEADER)
    write(tmp_path / "notes.txt", "not an annotation")
    truth = read_truth(tmp_path)
    assert not truth.month_scored
    assert truth.sources.to_dict("records") == [
        {"id": "a", "category": "all", "month": "", "month_in_text": ""},
        {"id": "b", "category": "all", "month": "", "month_in_text": ""}]
    assert len(truth.annotations["b"]) == 1 and truth.annotations["a"].empty
    assert truth.files["b"] == tmp_path / "b.csv"


def test_sources_csv_in_the_folder_is_used_and_is_no_annotation(tmp_path):
    write(tmp_path / "a.csv", HEADER + ROW)
    write(tmp_path / "sources.csv", "id,category,month,month_in_text\na,series-ar,112,yes\n")
    truth = read_truth(tmp_path)
    assert truth.month_scored and list(truth.annotations) == ["a"]
    assert truth.sources.iloc[0]["category"] == "series-ar"


def test_sources_elsewhere_give_the_order(tmp_path):
    write(tmp_path / "truth" / "a.csv", HEADER)
    write(tmp_path / "truth" / "b.csv", HEADER)
    sources = write(tmp_path / "sources.csv", "id,category\nb,x\na,y\n")
    assert read_truth(tmp_path / "truth", sources).sources["id"].tolist() == ["b", "a"]


def test_sources_and_files_must_agree(tmp_path):
    write(tmp_path / "truth" / "a.csv", HEADER)
    write(tmp_path / "truth" / "c.csv", HEADER)
    with pytest.raises(AnnotationError, match=r"no annotation file in .*truth for b \(expected .*b\.csv\)"):
        read_truth(tmp_path / "truth", write(tmp_path / "s1.csv", "id\na\nb\nc\n"))
    with pytest.raises(AnnotationError, match=r"no row for the annotation file c\.csv"):
        read_truth(tmp_path / "truth", write(tmp_path / "s2.csv", "id\na\n"))


def test_missing_folder_missing_sources_and_empty_folder_are_named(tmp_path):
    with pytest.raises(AnnotationError, match=r"nowhere: no such folder of annotations"):
        read_truth(tmp_path / "nowhere")
    with pytest.raises(AnnotationError, match=r"s\.csv: no such sources file"):
        read_truth(tmp_path, tmp_path / "s.csv")
    with pytest.raises(AnnotationError, match=r"no annotation files"):
        read_truth(tmp_path)


def test_a_bad_annotation_file_in_the_folder_is_named(tmp_path):
    write(tmp_path / "a.csv", HEADER + ROW)
    write(tmp_path / "b.csv", HEADER + ROW.replace("exact", "roughly"))
    with pytest.raises(AnnotationError, match=r"b\.csv: line 2: qualifier is 'roughly'; allowed: exact, "
                                              r"at_least, approximately$"):
        read_truth(tmp_path)
