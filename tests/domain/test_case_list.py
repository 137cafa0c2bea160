"""The cases list's filters travel in the URL: read back exactly, unknown values dropped, sort links toggle."""

from werkzeug.datastructures import MultiDict

from fgc.domain.case_list import PAGE_SIZE, CaseQuery

COORDINATORS = {"7": "Cerys Llywelyn"}


def query(**args):
    return CaseQuery.from_args(MultiDict(args), COORDINATORS)


def test_the_default_list_is_open_cases_by_next_deadline_with_nothing_in_the_url():
    default = query()
    assert (default.status, default.sort, default.descending, default.page) == ("open", "deadline", False, 1)
    assert default.args() == {} and not default.filtered()


def test_every_filter_survives_the_round_trip_through_the_url():
    args = {"stage": ["referred", "preparing"], "coordinator": "7", "urgent": "yes", "overdue": "yes",
            "legal": ["pre_proceedings"], "status": "all", "sort": "referred", "order": "desc", "page": 3}
    read = CaseQuery.from_args(MultiDict([(k, str(v)) for k, vs in args.items()
                                          for v in (vs if isinstance(vs, list) else [vs])]), COORDINATORS)
    assert read.args() == args and read.filtered()


def test_unknown_or_tampered_values_are_dropped_not_an_error():
    read = query(stage="<script>", coordinator="999", status="everything", sort="password", page="-2", legal="x")
    assert read == query()
    for page in ("0", "abc", "²", "99999999999"):
        assert query(page=page).page == 1


def test_a_sort_link_sorts_ascending_first_then_flips_and_goes_back_to_page_one():
    by_reference = query(sort="reference", page="4")
    assert by_reference.sort_args("reference") == {"sort": "reference", "order": "desc"}
    assert by_reference.sort_args("stage") == {"sort": "stage"}
    assert (by_reference.aria_sort("reference"), by_reference.aria_sort("stage")) == ("ascending", "none")


def test_each_chosen_filter_links_to_the_list_without_it():
    chosen = dict(query(stage="referred", urgent="yes", coordinator="7", page="2").chosen())
    assert [(str(label), args) for label, args in chosen["Stage"]] == [("Referred", {"coordinator": "7", "urgent": "yes"})]
    assert [str(label) for label, _args in chosen["Coordinator"]] == ["Cerys Llywelyn"]


def test_a_page_past_the_end_shows_the_last_page():
    assert query(page="9").offset(PAGE_SIZE * 2 + 1) == PAGE_SIZE * 2
    assert query().pages(0) == 1
