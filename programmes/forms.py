"""The programme page's admin form."""

from wagtail.admin.forms import WagtailAdminModelForm

from content_review.forms import ReviewPageForm
from programmes.partner_chooser import PartnerChooser


class PartnershipForm(WagtailAdminModelForm):
    """A row of the "Partner organisations" panel (and the blank row its chooser adds),
    whose chooser leaves out the partners the programme already has."""

    def __init__(self, *args, linked_partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        if "partner" in self.fields:
            self.fields["partner"].widget = PartnerChooser(linked_partners)


class ProgrammePageForm(ReviewPageForm):
    """Choosing a partner the programme already has is a no-op, not a "duplicate data"
    error: the repeated rows are marked deleted before the partners formset validates.
    The chooser does not offer them in the first place (PartnerChooser)."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = without_repeated_partners(data)
        super().__init__(data, *args, **kwargs)
        partnerships = self.formsets.get("partnerships")
        if partnerships is not None:
            # The partners of the revision being edited.
            linked = [link.partner_id for link in self.instance.partnerships.all()]
            partnerships.form_kwargs["linked_partners"] = linked


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
