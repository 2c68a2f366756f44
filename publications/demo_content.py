"""The demo publication: the London asthma standards for children and young people.

Written for the demo site in the shape of the partnership's real standards (2015): a cover
and five chapters, one of them without headings. Loaded by `load_demo_content` through
`load(command)`, which reuses the command's find-or-create-and-publish of pages, so a
second run changes nothing.
"""

import datetime

from hlp_site.publishing.stream_data import bullets, heading, inset_text, paragraph, text
from publications.blocks import with_anchors

PATH = "/resources/london-asthma-standards-for-children-and-young-people/"
PUBLICATION = {
    "title": "London asthma standards for children and young people",
    "summary": (
        "What good asthma care looks like for London’s children and young people: standards "
        "for families, schools, primary care, community pharmacy and hospitals, agreed by "
        "clinicians, commissioners and parents across the city."
    ),
    "date": datetime.date(2015, 10, 1),
    "last_updated": datetime.date(2018, 9, 17),
    "owner": "/partners/nhs-england/",
    "reference_number": "HLP-CYP-2015-03",
    "tags": ["asthma", "children-and-young-people"],
}

CHAPTERS = [
    (
        "introduction",
        "Introduction",
        "Why London needs asthma standards for children and young people.",
        [
            paragraph(
                text(
                    "Asthma is the most common long-term medical condition in children. Around "
                    "240,000 children and young people in London have asthma, and London has "
                    "some of the highest rates of emergency admission for childhood asthma in "
                    "England."
                ),
                text(
                    "Most asthma deaths and admissions are preventable. These standards bring "
                    "together national guidance and London’s own experience to set out what "
                    "every child and young person with asthma should be able to expect, "
                    "wherever they live and whichever service they use."
                ),
                text(
                    "They were written with children, young people, parents, clinicians, "
                    "school staff and commissioners, and are for everyone who plans, "
                    "commissions or delivers care for children and young people with asthma."
                ),
            ),
        ],
    ),
    (
        "children-young-people-and-families",
        "Children, young people and their families",
        "What children, young people and families should expect, and what they can do.",
        [
            heading("What you should expect"),
            bullets(
                text("A written, personalised asthma action plan, reviewed at least once a year."),
                text("Your inhaler technique checked at every review and after every attack."),
                text("A review within two working days of any emergency treatment for asthma."),
                text("Care that moves with you as you grow up, into adult services."),
            ),
            heading("What you can do"),
            paragraph(
                text(
                    "Keep your action plan where you and the people who look after you can "
                    "find it, take your preventer inhaler every day as prescribed, and carry "
                    "your reliever inhaler with you."
                )
            ),
        ],
    ),
    (
        "schools",
        "Schools",
        "Asthma-friendly schools: policies, training and emergency inhalers.",
        [
            heading("An asthma policy"),
            paragraph(
                text(
                    "Every school should have an asthma policy, a register of pupils with "
                    "asthma and a named member of staff who leads on asthma."
                )
            ),
            heading("Training"),
            paragraph(
                text(
                    "All staff should know the signs of an asthma attack and what to do. "
                    "Staff who look after pupils with asthma should have yearly training."
                )
            ),
            heading("Emergency inhalers"),
            paragraph(
                text(
                    "Schools may keep an emergency salbutamol inhaler for pupils whose own "
                    "inhaler is not available, with parental consent recorded on the register."
                )
            ),
            inset_text(
                text("The London asthma toolkit has model policies and training for schools.")
            ),
        ],
    ),
    (
        "primary-care-and-community-pharmacy",
        "Primary care and community pharmacy",
        "Diagnosis, annual reviews and inhaler technique in general practice and pharmacies.",
        [
            heading("General practice"),
            bullets(
                text("Diagnosis made and recorded using objective tests where possible."),
                text("An annual asthma review, with the action plan updated."),
                text("Follow-up within two working days after an attack treated elsewhere."),
            ),
            heading("Community pharmacy"),
            paragraph(
                text(
                    "Pharmacists check inhaler technique when they dispense a new device and "
                    "refer a child or young person who uses more than one reliever inhaler a "
                    "month, or none of their preventer, to their practice."
                )
            ),
        ],
    ),
    (
        "hospitals-and-urgent-care",
        "Hospitals and urgent care",
        "Emergency treatment, discharge and follow-up after an asthma attack.",
        [
            heading("In the emergency department"),
            paragraph(
                text(
                    "Treatment follows the national paediatric asthma guideline, and every "
                    "attendance is an opportunity to check the action plan and inhaler "
                    "technique."
                )
            ),
            heading("Before going home"),
            bullets(
                text("Inhaler technique checked and a new action plan given."),
                text("The GP and school nurse told of the attendance within one working day."),
                text("A follow-up appointment arranged for children admitted twice in a year."),
            ),
        ],
    ),
]


def load(command, at_nine):
    """Create or update the publication and its chapters with the command's `page()`."""
    from publications.models import PublicationChapterPage, PublicationPage

    spec = PUBLICATION
    command.page(
        PATH,
        PublicationPage,
        at_nine(spec["date"]),
        title=spec["title"],
        summary=spec["summary"],
        date=spec["date"],
        last_updated=spec["last_updated"],
        owner_organisation=command.pages[spec["owner"]],
        reference_number=spec["reference_number"],
        tags=spec["tags"],
    )
    for slug, title, summary, body in CHAPTERS:
        command.page(
            f"{PATH}{slug}/",
            PublicationChapterPage,
            at_nine(spec["date"]),
            title=title,
            summary=summary,
            body=with_anchors(body),
        )
