"""Admin panels of the programmes app."""

from wagtail.admin.panels import MultipleChooserPanel, Panel

from programmes.forms import PartnershipForm


class PartnersPanel(MultipleChooserPanel):
    """The programme's "Partner organisations": rows built by PartnershipForm, whose chooser
    leaves out the partners the programme already has (ProgrammePageForm passes them)."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name].setdefault("form", PartnershipForm)
        return options


class LinkedProgrammesPanel(Panel):
    """The programmes a partner works on, read-only, each linking to the programme page
    where the link is edited (the programme page owns the relation)."""

    @property
    def clean_name(self):
        return super().clean_name or "linked_programmes"

    class BoundPanel(Panel.BoundPanel):
        template_name = "programmes/admin/linked_programmes_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            links = []
            if self.instance.pk:
                links = self.instance.programme_links.select_related("programme").order_by(
                    "programme__title"
                )
            context["programmes"] = [link.programme for link in links]
            return context
