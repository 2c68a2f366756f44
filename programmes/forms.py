"""The programme page's admin form."""

from content_review.forms import ReviewPageForm


class ProgrammePageForm(ReviewPageForm):
    """Choosing a partner the programme already has is a no-op, not a "duplicate data"
    error: the repeated rows are marked deleted before the partners formset validates."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = without_repeated_partners(data)
        super().__init__(data, *args, **kwargs)


def without_repeated_partners(data, prefix="partnerships"):
    total = data.get(f"{prefix}-TOTAL_FORMS", "")
    if not total.isdigit():
        return data  # the formset reports its own management-form error
    data = data.copy()
    seen = set()
    for index in range(int(total)):
        partner = data.get(f"{prefix}-{index}-partner")
        if not partner or data.get(f"{prefix}-{index}-DELETE"):
            continue
        if partner in seen:
            data[f"{prefix}-{index}-DELETE"] = "on"
        seen.add(partner)
    return data
