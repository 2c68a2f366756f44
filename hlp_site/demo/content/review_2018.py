"""The reference post: "Partners working together to improve health and care in 2018".

Held faithfully: every sentence is copied from the organisation's published post (curly
quotes, dashes, double spaces and no-break spaces included). The section headings
that were images on the original page are restored as text ("Prevention", "Digital").
Links to other pages of the site are written as page paths and become Wagtail page links
(`<a linktype="page" id="...">`) when the demo content is loaded, so they follow a page
that moves.
"""

import datetime

from hlp_site.publishing.stream_data import (
    bullets,
    heading,
    page_link,
    paragraph,
    quote,
    text,
    video,
)

TITLE = "Partners working together to improve health and care in 2018"
SLUG = "partners-working-together-to-improve-health-and-care-in-2018"
DATE = datetime.date(2018, 12, 18)  # "18th December 2018"
AUTHOR_NAME = "Shaun Danielli"
AUTHOR_ROLE = "HLP director"
PARENT = "/news/blog/"

# The first paragraph. It is the page's intro, which the article template shows as the
# lede above the body (and listings show as the summary), so the body starts after it.
INTRO = (
    "2018 has been another busy year for Healthy London Partnership (HLP).\xa0Through successful "
    "partnership working across health and care in London, we have helped to deliver on a range "
    "of programmes, outputs and achievements spanning primary and community care, secondary care "
    "and mental health, as well as those focussed on integration of health and care and place "
    "based care. All this work is part of our collective aim to make London the world’s "
    "healthiest city."
)

# Programme tags: the post is listed on every programme page whose work it describes.
TAGS = [
    "prevention",
    "social-prescribing",
    "hiv-fast-track-city",
    "great-weight-debate",
    "healthy-high-streets",
    "digital",
    "online-gp-services",
    "good-thinking",
    "nhs-e-referral-service",
    "mental-health",
    "crisis-care",
    "thrive-ldn",
    "health-inequalities",
    "homeless-health",
    "children-and-young-people",
    "mental-health-in-schools",
    "asthma",
    "nhs-go",
    "primary-care",
]

# Partner organisations the post names (slugs of pages under /partners/).
RELATED_PARTNERS = [
    "nhs-england",
    "nhs-improvement",
    "greater-london-authority",
    "public-health-england",
    "london-councils",
    "transport-for-london",
    "mental-health-foundation",
    "mental-health-first-aid-england",
    "zero-suicide-alliance",
]

PULL_QUOTE = (
    "“None of this would be possible without key agencies, organisations and people working "
    "together…”"
)

# The director's statement: three paragraphs, each opening with a quotation mark as
# printed (the closing mark comes only at the end of the last one).
STATEMENT = "\n\n".join(
    [
        (
            "“We have continued to support the transformation of health and care for Londoners "
            "in 2018.\xa0 There has been significant progress in areas such as mental health, "
            "greater use of technology and increased access to family doctors."
        ),
        (
            "“None of this would be possible without key agencies, organisations and people "
            "working together. Partnership working is the only way in which we will tackle "
            "London’s most complex health and care challenges and ensure that we meet our shared "
            "aim of making London the healthiest global city."
        ),
        (
            "“As we look ahead to 2019, the NHS Long Term Plan and a five year funding "
            "settlement gives us a huge opportunity to transform the way we support the health "
            "and care of Londoners. Everyone involved with HLP looks forward to driving "
            "improvements forward for London.”"
        ),
    ]
)

PREVENTION = [
    (
        "This year has seen a collaborative focus on Social Prescribing, which is a way of "
        "linking patients in primary care with sources of support within the community for "
        "non-medical needs. During the last few months, the HLP proactive care team has been "
        "working closely with the GLA and other key stakeholders to develop a ‘Social "
        "Prescribing Vision for London’ which is currently open to feedback from Londoners and "
        "clinicians."
    ),
    (
        "HIV remains a problem in London, with the infection impacting on Londoners more than "
        "any other part of the UK. Through the London Fast-Track City initiative\xa0(FTCI), "
        "partners are continuing to take great strides to end new infections by 2030. London has "
        "exceeded UNAIDS’ 90-90-90 targets (90 per cent of people living with HIV knowing their "
        "status, 90 per cent of people with diagnosed HIV on treatment, 90 per cent of people on "
        "treatment with suppressed viral loads), with recent figures confirming a 95-98-97 "
        "result in London for 2017."
    ),
    (
        "The Mayor of London has shared his plans to restrict the advertising of food and drink "
        "that is high in fat, sugar and salt across Transport for London’s advertising estate "
        "from February 2019. Earlier this year, London’s Great Weight Debate underpinned further "
        "evidence for this aspiration, recognising Londoners’ concerns with the abundance of "
        "advertising of high fat and sugary food and drink."
    ),
    (
        "This year’s Healthy High Streets Challenge called on three London high streets to "
        "submit ideas to make choosing healthier food easier for local children and young "
        "people. Working with fast food shops, business owners, charities and young people, we "
        "have been helping to test new ideas for making high streets in Haringey, Lambeth and "
        "Southwark healthier."
    ),
]

DIGITAL = [
    (
        "2018 saw a further increase in patients across London accessing online GP appointment "
        "booking, ordering of repeat prescriptions and access to coded information in records. "
        "We have been working with NHS England London region to support GP practices to offer "
        "and promote online services to patients during 2018."
    ),
    (
        "By October 2018, Good Thinking – London’s unique digital mental wellbeing service – had "
        "supported over 100,000 Londoners to actively tackle anxiety, sleeplessness, stress and "
        "depression. Since its launch at the end of 2017, Good Thinking has offered personalised "
        "new ways to improve mental wellbeing for Londoners."
    ),
    (
        "The London Mental Health Dashboard makes a wide range of London’s mental health data "
        "publicly accessible in one place. Urgent suspected cancer referral activity data is "
        "also now presented in a useful interactive dashboard. Both dashboards have been "
        "developed by Healthy London Partnership, demonstrating our commitment to work with "
        "partners and Londoners to improve in these key areas of health and care."
    ),
    (
        "Earlier this year, London saw the full rollout of an NHS e-Referral Service (e-RS) "
        "across 23 providers one month earlier than the target date. This was achieved through "
        "proactive and successful partnership working between London’s health and care "
        "organisations and now means that all GP practices in the capital can manage a patient’s "
        "first referral from primary care to hospital through a paperless process."
    ),
]

MENTAL_HEALTH = [
    (
        "Through HLP, A&E departments and police forces have worked together to develop a "
        "handover process\xa0for voluntary mental health patients in emergency departments, "
        "which has resulted in 83% fewer people going missing from A&E during a mental health "
        "crisis compared to the previous year. The handover process was awarded the Best Patient "
        "Safety Initiative in A&E at this year’s HSJ Awards."
    ),
    (
        "Earlier this year, the findings from the first 24/7 staffed ‘place of safety’ to "
        "implement London’s Section 136 pathway and Health Based Place of Safety specification "
        "received overwhelmingly positive feedback from users of mental health crisis services "
        "and has since shown significant improvement in the pressures often experienced by the "
        "police, paramedics, A&E departments and the sites themselves."
    ),
    (
        "Thrive LDN continues to work towards a capital city where every Londoner has the "
        "opportunity to thrive. Significant projects in 2018 included helping young Londoners to "
        "organise a\xa0festival of cultural activity\xa0as part of Thrive LDN’s wider ‘Are "
        "we\xa0OK\xa0London?’ campaign. Plus the Right to Thrive research project, which aims to "
        "improve understanding about how discrimination based on things like background, beliefs "
        "and identity affects a person’s mental health and wellbeing. More recently,\xa0Thrive "
        "LDN\xa0published\xa0Londoners Said…\xa0– a report summarising the findings of the 17 "
        "community conversations run in partnership with the\xa0Mental Health "
        "Foundation\xa0(MHF) in half of London’s boroughs. Each community "
        "conversation\xa0produced a comprehensive write-up to underpin a plan for "
        "local\xa0action."
    ),
]

HEALTH_INEQUALITIES = [
    (
        "Homelessness is a growing and significantly greater problem in London than elsewhere in "
        "England. Although the term ‘homeless’ is often applied in everyday language to people "
        "who sleep rough, there are much broader definitions covering anyone who does not have a "
        "home. We have been working with partners to design an interactive guide to support "
        "local authorities, clinical commissioning groups, and integrated care systems across "
        "London to conduct a homeless health needs assessment. This will help to make sure that "
        "those experiencing homelessness receive care that is consistent in quality and "
        "experience with that of the general population."
    ),
    (
        "Reducing mental health inequalities\xa0is a matter of fairness and social\xa0justice. "
        "Through Thrive LDN, work has begun this year to establish a suicide prevention "
        "information sharing hub. In addition to this project, there has also been some "
        "significant work undertaken to develop the delivery of suicide prevention awareness "
        "training across London’s educational institutions. If you would like further training "
        "on how everyone can help to prevent suicides, see\xa0the Zero Suicide Alliance’s free "
        "online training provision."
    ),
]

CHILDREN_AND_YOUNG_PEOPLE = [
    (
        "This year saw the launch of a ground-breaking programme to ensure every state-funded "
        "primary, secondary school and further education college in London has access to Youth "
        "Mental Health First Aid by 2021. The programme is a collaboration between\xa0Thrive "
        "LDN\xa0and\xa0Mental Health First Aid England, supported by funding from the Mayor of "
        "London through the\xa0Young Londoners Fund."
    ),
    (
        "To coincide with the start of the new school year and the highest hospital admission "
        "rates for asthma (week 38), we ran our annual #AskAboutAsthma campaign\xa0in "
        "conjunction with NHS England London region to encourage small steps to help improve the "
        "quality of life for London’s children and young people living with asthma. In addition "
        "to this, we have developed the\xa0London asthma standards for children and young "
        "people, bringing ambitions\xa0for how asthma care should be delivered across the city "
        "with national and local standards."
    ),
    (
        "Aimed at 16-24 year olds, NHS Go was first developed in 2016, after young Londoners "
        "told us they wanted better and easier access to health and wellbeing information. This "
        "year we have supported fresh promotional materials, such as posters or business cards, "
        "for organisations to share information about the free and confidential health advice "
        "app service with young people."
    ),
    (
        "We have recently also launched a Mental Health in Schools Toolkit which provides a "
        "range of information for schools, governors and commissioners on mental health and "
        "emotional wellbeing in schools, including links to relevant guidance, practical tools "
        "and resources, and examples from across London of new initiatives and approaches in "
        "schools or across local authorities."
    ),
]


# The end of year highlights video the post is built around, shown after the sentence that
# introduces it. Its transcript was written for the demo site from the post's own account
# of the year (the original page embedded the video without one).
HIGHLIGHTS_VIDEO_URL = "https://www.youtube.com/watch?v=HLPdemo2018"
HIGHLIGHTS_VIDEO_TITLE = "Healthy London Partnership: end of year highlights 2018"
HIGHLIGHTS_TRANSCRIPT = [
    "[Music. The words “Healthy London Partnership: 2018 highlights” appear over a view of "
    "the London skyline.]",
    "Shaun Danielli, HLP director: In 2018 partners across London’s health and care system "
    "worked together to make London the world’s healthiest city. Here are some of the things "
    "we achieved together.",
    "Narrator: Prevention. Social prescribing schemes now reach every London borough, and "
    "London became a fast-track city on the way to ending new HIV infections.",
    "Narrator: Digital. More Londoners can now see a GP online, and Good Thinking, London’s "
    "digital mental wellbeing service, launched for everyone in the city.",
    "Narrator: Mental health. New crisis care pathways and Thrive LDN are helping "
    "Londoners get support sooner, closer to home.",
    "Narrator: Children and young people. The #AskAboutAsthma campaign and the London "
    "asthma standards are improving care for the children and young people who live with "
    "asthma, and the Mental Health in Schools Toolkit supports schools across the city.",
    "Shaun Danielli: None of this would be possible without partners working together. "
    "Thank you, and here’s to 2019.",
    "[Music. The Healthy London Partnership logo.]",
]


def visit_the(path, section_name):
    """The "For more information ... visit the X section of our website." line, X linked."""
    return (
        "For more information on the partnership working in this area, visit the "
        f"{page_link(path, section_name)} of our website."
    )


def body():
    """The body as StreamField raw data (page links still as paths); INTRO comes first."""
    return [
        paragraph(
            text(
                "We work as a partnership across London’s health and care system and beyond to "
                "achieve this goal.\xa0 This includes NHS organisations in London, such as London’s "
                "32 Clinical Commissioning Groups,\xa0NHS England,\xa0NHS Improvement, hospital "
                "trusts and providers, as well as working across health and care with the Greater "
                "London Authority (GLA),\xa0the Mayor of London,\xa0Public Health England and London "
                "Councils."
            )
        ),
        quote(PULL_QUOTE, AUTHOR_NAME, AUTHOR_ROLE),
        paragraph(
            text(
                "HLP director, Shaun Danielli, outlines how we are working together to improve "
                "Londoners’ health and wellbeing, so everyone can live healthier lives:"
            )
        ),
        quote(STATEMENT, AUTHOR_NAME, AUTHOR_ROLE),
        paragraph(
            text(
                "The details of some of the key areas and examples of partnership working which are "
                "highlighted in our end of year highlights video can be explored in more detail "
                "below."
            )
        ),
        video(HIGHLIGHTS_VIDEO_URL, HIGHLIGHTS_VIDEO_TITLE, *map(text, HIGHLIGHTS_TRANSCRIPT)),
        heading("Prevention"),
        bullets(*map(text, PREVENTION)),
        paragraph(visit_the("/our-work/prevention/", "Prevention section")),
        heading("Digital"),
        bullets(*map(text, DIGITAL)),
        paragraph(visit_the("/our-work/digital/", "Digital section")),
        heading("Mental Health"),
        bullets(*map(text, MENTAL_HEALTH)),
        paragraph(visit_the("/our-work/mental-health/", "mental health transformation section")),
        heading("Tackling health inequalities"),
        bullets(*map(text, HEALTH_INEQUALITIES)),
        heading("Children and young people"),
        bullets(*map(text, CHILDREN_AND_YOUNG_PEOPLE)),
        paragraph(
            visit_the("/our-work/children-and-young-people/", "children and young people section")
        ),
        heading("The examples don’t stop there"),
        paragraph(
            text(
                "This is only a snap shot of all our work. You can explore HLP’s various "
                "programmes in the "
            )
            + page_link("/our-work/", "‘our work’ menu")
            + text(" above or search the ")
            + page_link("/resources/", "HLP resources section")
            + text(" for case studies and publications.")
        ),
        heading("More information"),
        paragraph(
            text(
                "HLP was formed in 2015.\xa0 All our work is founded on common goals set out in "
                "Better Health for London, NHS Five Year Forward View and London’s Devolution "
                "Agreement."
            )
        ),
        paragraph(
            text(
                "Learn more about our strategic role through the London Health and Care Strategic "
                "Partnership Board."
            )
        ),
    ]
