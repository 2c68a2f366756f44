"""The demo site's content, apart from the 2018 review (see review_2018.py).

Pages are named by their path under the home page ("/our-work/prevention/"); a parent is
always listed before its children. Rich text is Wagtail's database HTML; links to other
pages use `page_link(path, text)` and are resolved to page ids when loaded.

Facts about real organisations and programmes are kept to what they published; the
people quoted other than Shaun Danielli, and the YouTube video ids (all starting "HLP"),
are placeholders.
"""

import datetime

from hlp_site.publishing.stream_data import (
    bullets,
    call_to_action,
    external_link,
    heading,
    inset_text,
    page_link,
    paragraph,
    quote,
    video,
)

from . import images as colours

SITE_NAME = "Healthy London Partnership"
SITE_LAUNCHED = datetime.date(2015, 9, 1)

# Images ---------------------------------------------------------------------------------

# title: (caption drawn on the picture, gradient start, gradient end, description/alt text)
HERO_IMAGES = {
    "Hero: Healthy London Partnership": (
        "Healthy London Partnership",
        colours.NHS_BLUE,
        colours.NHS_DARK_BLUE,
        "Abstract blue shapes with the words Healthy London Partnership",
    ),
    "Hero: working together": (
        "Working together",
        colours.NHS_BRIGHT_BLUE,
        colours.NHS_AQUA_GREEN,
        "Abstract blue and green shapes with the words Working together",
    ),
    "Hero: prevention": (
        "Prevention",
        colours.NHS_GREEN,
        colours.NHS_AQUA_GREEN,
        "Abstract green shapes with the word Prevention",
    ),
    "Hero: digital": (
        "Digital",
        colours.NHS_BRIGHT_BLUE,
        colours.NHS_DARK_BLUE,
        "Abstract blue shapes with the word Digital",
    ),
    "Hero: mental health": (
        "Mental health",
        colours.NHS_BLUE,
        colours.NHS_PURPLE,
        "Abstract blue and purple shapes with the words Mental health",
    ),
    "Hero: children and young people": (
        "Children and young people",
        colours.NHS_ORANGE,
        colours.NHS_DARK_PINK,
        "Abstract orange and pink shapes with the words Children and young people",
    ),
    "Hero: health inequalities": (
        "Health inequalities",
        colours.NHS_DARK_PINK,
        colours.NHS_PURPLE,
        "Abstract pink and purple shapes with the words Health inequalities",
    ),
    "Hero: primary care": (
        "Primary care",
        colours.NHS_AQUA_GREEN,
        colours.NHS_BLUE,
        "Abstract green and blue shapes with the words Primary care",
    ),
    "Hero: resources": (
        "Resources",
        colours.NHS_DARK_GREY,
        colours.NHS_BLUE,
        "Abstract grey and blue shapes with the word Resources",
    ),
}

HERO = {
    "home": "Hero: Healthy London Partnership",
    "together": "Hero: working together",
    "prevention": "Hero: prevention",
    "digital": "Hero: digital",
    "mental-health": "Hero: mental health",
    "children-and-young-people": "Hero: children and young people",
    "health-inequalities": "Hero: health inequalities",
    "primary-care": "Hero: primary care",
    "resources": "Hero: resources",
}

# Partner logos are plain wordmarks in one colour: see LOGO_COLOURS below.
LOGO_COLOURS = {
    "nhs-england": colours.NHS_BLUE,
    "greater-london-authority": colours.NHS_DARK_PINK,
    "london-councils": colours.NHS_DARK_GREY,
    "transport-for-london": colours.NHS_DARK_BLUE,
    "mental-health-foundation": colours.NHS_AQUA_GREEN,
    "zero-suicide-alliance": colours.NHS_GREEN,
    "uclpartners": colours.NHS_PURPLE,
}


def logo_title(partner_title):
    return f"Logo: {partner_title}"


# Home and section pages -----------------------------------------------------------------

HOME = {
    "title": SITE_NAME,
    "hero_heading": "Making London the world’s healthiest city",
    "hero_text": (
        "We are London’s NHS, local government and the Mayor of London working together on "
        "the health and care challenges no single organisation can tackle alone."
    ),
    "hero_image": HERO["home"],
    "intro": (
        "Healthy London Partnership brings together the organisations that plan, pay for and "
        "deliver health and care in the capital. Explore our programmes of work, read the "
        "latest news, blogs and videos, and find toolkits, guidance and case studies to use "
        "in your own area."
    ),
    "featured_programmes": [
        "/our-work/mental-health/",
        "/our-work/prevention/",
        "/our-work/digital/",
        "/our-work/children-and-young-people/",
    ],
}

# (path, model label, title, intro); in menu order.
SECTIONS = [
    (
        "/our-work/",
        "programmes.ProgrammeIndexPage",
        "Our work",
        "Our programmes of work, each run with partners across London’s health and care "
        "system. Choose a programme to see its news, resources and the organisations involved.",
    ),
    (
        "/news/",
        "blog.NewsIndexPage",
        "News, blogs & videos",
        "News from the partnership, blogs from the people doing the work, and videos. Filter "
        "by type, programme, tag or year.",
    ),
    (
        "/resources/",
        "blog.ResourceIndexPage",
        "Resources",
        "Case studies, publications, toolkits and guidance from our programmes, free for "
        "anyone working in health and care to use.",
    ),
    (
        "/partners/",
        "programmes.PartnerIndexPage",
        "Partners",
        "The organisations we work with: NHS bodies and trusts, local and regional "
        "government, charities and academic partners.",
    ),
]

# (path, kind, title, intro)
ARTICLE_INDEXES = [
    (
        "/news/news/",
        "news",
        "News",
        "Announcements and updates from Healthy London Partnership and its programmes.",
    ),
    (
        "/news/blog/",
        "blog",
        "Blog",
        "Blogs from the people leading and delivering our programmes of work.",
    ),
    (
        "/news/videos/",
        "video",
        "Videos",
        "Films about our programmes and the Londoners and staff taking part in them.",
    ),
]

# Programmes -----------------------------------------------------------------------------


def _programme(path, title, summary, tags, hero, body, published):
    return {
        "path": path,
        "title": title,
        "summary": summary,
        "tags": tags,
        "hero_image": HERO[hero],
        "body": body,
        "published": published,
    }


PROGRAMMES = [
    _programme(
        "/our-work/prevention/",
        "Prevention",
        "Helping Londoners stay well: tackling childhood obesity, ending new HIV infections and "
        "linking people with support in their communities.",
        ["prevention"],
        "prevention",
        [
            paragraph(
                "Many of the illnesses that bring Londoners to their GP or to hospital can be "
                "prevented. Our prevention programme works with the Mayor of London, Public "
                "Health England, London Councils and the NHS on the causes of ill health that no "
                "one organisation can change alone: the food environment, sexual health and the "
                "support people find in their own communities."
            ),
            heading("What we do"),
            bullets(
                "Support the London Fast-Track City initiative to end new HIV infections, "
                "deaths and stigma by 2030.",
                "Work with high streets, schools and businesses to make the healthy choice "
                "the easy choice for children and young people.",
                "Develop social prescribing so that everyone in primary care can be linked to "
                "non-medical support close to home.",
            ),
            inset_text(
                "London has some of the highest rates of childhood obesity in Europe: around "
                "four in ten children are overweight or obese by the time they leave primary "
                "school."
            ),
            heading("Working with partners"),
            paragraph(
                "The programmes below each have their own partners and resources. "
                "Posts tagged with any of them appear on this page."
            ),
        ],
        datetime.date(2016, 1, 18),
    ),
    _programme(
        "/our-work/prevention/social-prescribing/",
        "Social prescribing",
        "Linking people in primary care with support in their community for needs that are "
        "not medical, from debt advice to walking groups.",
        ["social-prescribing"],
        "prevention",
        [
            paragraph(
                "Social prescribing is a way of linking patients in primary care with sources of "
                "support within the community for non-medical needs. A link worker spends time "
                "with each person to find out what matters to them and connects them to local "
                "groups and services."
            ),
            heading("A vision for London"),
            paragraph(
                "With the Greater London Authority and partners we have developed a Social "
                "Prescribing Vision for London: that every Londoner who would benefit can be "
                "referred to social prescribing, and that the voluntary and community sector "
                "groups they are referred to are properly supported."
            ),
            quote(
                "Half of what walks through my door is not medical. A link worker gives me "
                "somewhere to send people that actually helps.",
                "A GP in south London",
            ),
        ],
        datetime.date(2018, 6, 4),
    ),
    _programme(
        "/our-work/prevention/hiv-fast-track-city/",
        "HIV Fast-Track City",
        "London’s commitment, with the Mayor, London Councils and the NHS, to end new HIV "
        "infections, deaths and stigma by 2030.",
        ["hiv-fast-track-city", "hiv"],
        "prevention",
        [
            paragraph(
                "London signed the Paris Declaration on Fast-Track Cities on World AIDS Day "
                "2018, joining more than 250 cities committed to ending the HIV epidemic. "
                "Partners across the city are working together to reach zero new infections, "
                "zero preventable deaths and zero stigma by 2030."
            ),
            heading("Beyond 90-90-90"),
            paragraph(
                "London exceeded the UNAIDS 90-90-90 targets in 2017, with figures of 95-98-97. "
                "The next steps focus on testing in more settings, starting treatment quickly "
                "and tackling the stigma that stops people coming forward."
            ),
        ],
        datetime.date(2018, 1, 22),
    ),
    _programme(
        "/our-work/prevention/healthy-high-streets/",
        "Healthy High Streets",
        "Working with fast food shops, businesses and young people to make choosing healthier "
        "food easier on London’s high streets.",
        ["healthy-high-streets"],
        "prevention",
        [
            paragraph(
                "The Healthy High Streets Challenge asked three London high streets, in "
                "Haringey, Lambeth and Southwark, for ideas that make choosing healthier food "
                "easier for local children and young people."
            ),
            bullets(
                "Healthier options and smaller portions in fast food shops near schools.",
                "Free drinking water and fewer promotions of sugary drinks.",
                "Young people designing and testing the changes themselves.",
                lead="Ideas tested with local businesses included:",
            ),
        ],
        datetime.date(2018, 3, 12),
    ),
    _programme(
        "/our-work/prevention/great-weight-debate/",
        "Great Weight Debate",
        "London’s conversation about childhood obesity: what Londoners told us, and what is "
        "changing as a result.",
        ["great-weight-debate", "childhood-obesity"],
        "prevention",
        [
            paragraph(
                "The Great Weight Debate asked Londoners what should be done about childhood "
                "obesity. More than 3,000 people took part, and many raised the amount of "
                "advertising for food and drink high in fat, sugar and salt that children see "
                "every day."
            ),
            heading("What changed"),
            paragraph(
                "The findings supported the Mayor of London’s decision to restrict advertising "
                "of food and drink high in fat, sugar and salt across the Transport for London "
                "advertising estate from February 2019."
            ),
        ],
        datetime.date(2017, 2, 6),
    ),
    _programme(
        "/our-work/digital/",
        "Digital",
        "Using technology to give Londoners easier access to care and information, and to "
        "give staff the information they need.",
        ["digital"],
        "digital",
        [
            paragraph(
                "Our digital programme helps London’s NHS to use technology well: online "
                "services that patients choose to use, paperless referrals between GPs and "
                "hospitals, and open data that shows how services are doing."
            ),
            heading("What we do"),
            bullets(
                "Support GP practices to offer and promote online appointment booking, repeat "
                "prescriptions and access to records.",
                "Complete the move to paperless referrals through the NHS e-Referral Service.",
                "Publish dashboards such as the London Mental Health Dashboard so that anyone "
                "can see the data.",
            ),
            paragraph(
                "Good Thinking, London’s digital mental wellbeing service, is part of our "
                + page_link("/our-work/mental-health/", "mental health programme")
                + "."
            ),
        ],
        datetime.date(2016, 1, 18),
    ),
    _programme(
        "/our-work/digital/online-gp-services/",
        "Online GP services",
        "Helping GP practices to offer online appointment booking, repeat prescriptions and "
        "access to records, and helping patients to use them.",
        ["online-gp-services"],
        "digital",
        [
            paragraph(
                "Every GP practice in London offers online services. We work with NHS England "
                "London region to help practices promote them, so that patients who want to "
                "book appointments, order repeat prescriptions or see their record online know "
                "how to."
            ),
            inset_text(
                "Patients can use the NHS App or another approved app to use their practice’s "
                "online services. Ask at reception how to register."
            ),
        ],
        datetime.date(2017, 4, 3),
    ),
    _programme(
        "/our-work/digital/nhs-e-referral-service/",
        "NHS e-Referral Service",
        "Paperless first referrals from GP practices to hospital, through the NHS e-Referral "
        "Service (e-RS).",
        ["nhs-e-referral-service"],
        "digital",
        [
            paragraph(
                "In 2018 London completed the full rollout of the NHS e-Referral Service across "
                "23 providers, a month ahead of the target date. Every GP practice in the "
                "capital can now manage a patient’s first referral to hospital without paper."
            ),
            paragraph(
                "Paperless referrals cannot get lost in the post, let patients choose and book "
                "their appointment, and let hospital clinicians give advice before a referral "
                "is made."
            ),
        ],
        datetime.date(2017, 9, 11),
    ),
    _programme(
        "/our-work/mental-health/",
        "Mental health",
        "Transforming mental health care in London, from crisis care to wellbeing services "
        "that every Londoner can use.",
        ["mental-health"],
        "mental-health",
        [
            paragraph(
                "Our mental health transformation programme works with London’s NHS trusts, "
                "clinical commissioning groups, the police and the Mayor of London to improve "
                "care for people with mental health problems and to help every Londoner look "
                "after their mental wellbeing."
            ),
            heading("What we do"),
            bullets(
                "Improve care for people in a mental health crisis, including the Section 136 "
                "pathway and places of safety.",
                "Support Thrive LDN, the citywide movement for mental health and wellbeing.",
                "Run Good Thinking, London’s digital mental wellbeing service.",
                "Publish the London Mental Health Dashboard.",
            ),
            inset_text(
                "If you need help now, call NHS 111 and choose the mental health option, or "
                "call 999 if someone’s life is at risk."
            ),
        ],
        datetime.date(2016, 1, 18),
    ),
    _programme(
        "/our-work/mental-health/thrive-ldn/",
        "Thrive LDN",
        "A citywide movement, supported by the Mayor of London and London’s NHS, working "
        "towards a city where every Londoner has the opportunity to thrive.",
        ["thrive-ldn", "suicide-prevention"],
        "mental-health",
        [
            paragraph(
                "Thrive LDN is a citywide movement to improve the mental health and wellbeing "
                "of all Londoners. It brings together communities, the Mayor of London, London "
                "Councils, the NHS and charities such as the Mental Health Foundation."
            ),
            heading("Our work"),
            bullets(
                "Community conversations in boroughs across London, summarised in Londoners Said….",
                "The ‘Are we OK London?’ campaign and the Right to Thrive research project.",
                "Suicide prevention, including an information sharing hub and awareness "
                "training in schools, colleges and universities.",
                "Youth Mental Health First Aid training for every state-funded school and "
                "college, with Mental Health First Aid England.",
            ),
        ],
        datetime.date(2017, 7, 10),
    ),
    _programme(
        "/our-work/mental-health/good-thinking/",
        "Good Thinking",
        "London’s free digital mental wellbeing service, helping Londoners to tackle anxiety, "
        "sleeplessness, stress and depression.",
        ["good-thinking"],
        "mental-health",
        [
            paragraph(
                "Good Thinking launched at the end of 2017. It offers NHS-approved apps, "
                "self-assessments and advice so that Londoners can look after their mental "
                "wellbeing in a way that suits them, at any time."
            ),
            paragraph(
                "By October 2018 it had supported more than 100,000 Londoners. "
                + external_link("https://www.good-thinking.uk/", "Visit Good Thinking")
                + "."
            ),
        ],
        datetime.date(2017, 11, 27),
    ),
    _programme(
        "/our-work/mental-health/crisis-care/",
        "Crisis care",
        "Better care for people in a mental health crisis, with A&E departments, the police, "
        "London Ambulance Service and mental health trusts.",
        ["crisis-care"],
        "mental-health",
        [
            paragraph(
                "People in a mental health crisis should get the right care quickly, in the "
                "right place. We work with emergency departments, the Metropolitan Police, "
                "London Ambulance Service and mental health trusts on London’s Section 136 "
                "pathway and Health Based Place of Safety specification."
            ),
            heading("Results"),
            bullets(
                "83% fewer people going missing from A&amp;E during a mental health crisis after "
                "a new handover process between emergency departments and the police.",
                "The handover process won Best Patient Safety Initiative in A&amp;E at the 2018 "
                "HSJ Awards.",
                "Positive feedback from service users on the first 24/7 staffed place of safety.",
            ),
        ],
        datetime.date(2016, 10, 3),
    ),
    _programme(
        "/our-work/children-and-young-people/",
        "Children and young people",
        "Improving health services for London’s children and young people, and making them "
        "easier for young people to find and use.",
        ["children-and-young-people"],
        "children-and-young-people",
        [
            paragraph(
                "One in four Londoners is under 20. Our children and young people programme "
                "works with schools, local authorities, hospitals and young people themselves on "
                "asthma care, mental health in schools and health information designed with "
                "young people."
            ),
            heading("What we do"),
            bullets(
                "The London asthma standards for children and young people, and the annual "
                "#AskAboutAsthma campaign.",
                "NHS Go, the free and confidential health advice app for 16 to 24 year olds.",
                "The Mental Health in Schools Toolkit for schools, governors and commissioners.",
            ),
        ],
        datetime.date(2016, 1, 18),
    ),
    _programme(
        "/our-work/children-and-young-people/asthma/",
        "Asthma",
        "The London asthma standards for children and young people, and the #AskAboutAsthma "
        "campaign.",
        ["asthma"],
        "children-and-young-people",
        [
            paragraph(
                "Asthma is the most common long-term condition in children. The London asthma "
                "standards for children and young people set out how asthma care should be "
                "delivered across the city, bringing national and local standards together."
            ),
            heading("#AskAboutAsthma"),
            paragraph(
                "Every September, when children go back to school and hospital admissions for "
                "asthma are at their highest, #AskAboutAsthma encourages four small steps: an "
                "asthma action plan, good inhaler technique, a yearly review and a review after "
                "every attack."
            ),
        ],
        datetime.date(2016, 9, 12),
    ),
    _programme(
        "/our-work/children-and-young-people/nhs-go/",
        "NHS Go",
        "The free and confidential health advice app for 16 to 24 year olds, developed with "
        "young Londoners.",
        ["nhs-go"],
        "children-and-young-people",
        [
            paragraph(
                "NHS Go was first developed in 2016, after young Londoners told us they wanted "
                "better and easier access to health and wellbeing information. It gives "
                "confidential advice on sexual health, mental health and more, and shows where "
                "to get help nearby."
            ),
            paragraph(
                "Posters, business cards and other promotional materials are free for "
                "organisations that work with young people."
            ),
        ],
        datetime.date(2016, 8, 15),
    ),
    _programme(
        "/our-work/children-and-young-people/mental-health-in-schools/",
        "Mental health in schools",
        "Helping schools, governors and commissioners to support pupils’ mental health and "
        "emotional wellbeing.",
        ["mental-health-in-schools"],
        "children-and-young-people",
        [
            paragraph(
                "Half of all mental health problems start by the age of 14. The Mental Health in "
                "Schools Toolkit brings together guidance, practical tools and examples from "
                "across London of new approaches in schools and local authorities."
            ),
            paragraph(
                "With Thrive LDN and Mental Health First Aid England we are also working to give "
                "every state-funded school and college in London access to Youth Mental Health "
                "First Aid training."
            ),
        ],
        datetime.date(2018, 10, 8),
    ),
    _programme(
        "/our-work/health-inequalities/",
        "Health inequalities",
        "Closing the gaps in health between London’s communities, starting with the people "
        "services find hardest to reach.",
        ["health-inequalities"],
        "health-inequalities",
        [
            paragraph(
                "Healthy life expectancy varies by more than 15 years between London’s "
                "boroughs. Our health inequalities work focuses on the groups who most often "
                "miss out: people experiencing homelessness, and people whose mental health is "
                "affected by discrimination and disadvantage."
            ),
            heading("What we do"),
            bullets(
                "An interactive guide to homeless health needs assessments for local "
                "authorities, clinical commissioning groups and integrated care systems.",
                "Work with Thrive LDN to reduce mental health inequalities and prevent suicide.",
            ),
        ],
        datetime.date(2016, 1, 18),
    ),
    _programme(
        "/our-work/health-inequalities/homeless-health/",
        "Homeless health",
        "Making sure people experiencing homelessness get care as good as everyone else’s.",
        ["homeless-health"],
        "health-inequalities",
        [
            paragraph(
                "Homelessness is a growing and significantly greater problem in London than "
                "elsewhere in England. People experiencing homelessness die on average decades "
                "earlier than the general population, often of conditions that can be treated."
            ),
            paragraph(
                "Our interactive guide helps local areas to carry out a homeless health needs "
                "assessment, so that services are planned around the people who need them."
            ),
        ],
        datetime.date(2018, 5, 14),
    ),
    _programme(
        "/our-work/primary-care/",
        "Primary care",
        "Supporting general practice and community services, including better access to "
        "family doctors in the evenings and at weekends.",
        ["primary-care"],
        "primary-care",
        [
            paragraph(
                "Nine in ten contacts with the NHS happen in primary care. We support London’s "
                "general practices to work together at scale, to offer appointments in the "
                "evenings and at weekends, and to link patients with support beyond medicine."
            ),
            heading("Related programmes"),
            bullets(
                page_link("/our-work/prevention/social-prescribing/", "Social prescribing"),
                page_link("/our-work/digital/online-gp-services/", "Online GP services"),
                page_link("/our-work/digital/nhs-e-referral-service/", "NHS e-Referral Service"),
            ),
        ],
        datetime.date(2016, 1, 18),
    ),
]

# Partner organisations ------------------------------------------------------------------


def _partner(slug, title, organisation_type, website, description, programmes):
    return {
        "slug": slug,
        "title": title,
        "organisation_type": organisation_type,
        "website": website,
        "description": "".join(f"<p>{para}</p>" for para in description),
        "programmes": programmes,
    }


PARTNERS = [
    _partner(
        "nhs-england",
        "NHS England",
        "nhs-body",
        "https://www.england.nhs.uk/",
        [
            "NHS England leads the NHS in England. Its London region works with us on digital "
            "services, primary care, children’s asthma and mental health.",
        ],
        [
            "/our-work/digital/",
            "/our-work/digital/online-gp-services/",
            "/our-work/digital/nhs-e-referral-service/",
            "/our-work/primary-care/",
            "/our-work/children-and-young-people/asthma/",
            "/our-work/children-and-young-people/nhs-go/",
            "/our-work/mental-health/",
            "/our-work/mental-health/good-thinking/",
        ],
    ),
    _partner(
        "nhs-improvement",
        "NHS Improvement",
        "nhs-body",
        "https://www.england.nhs.uk/",
        [
            "NHS Improvement oversaw NHS trusts and foundation trusts, helping them to give "
            "patients consistently safe, high quality care. It joined NHS England in 2019.",
        ],
        ["/our-work/mental-health/crisis-care/", "/our-work/digital/nhs-e-referral-service/"],
    ),
    _partner(
        "greater-london-authority",
        "Greater London Authority",
        "regional-government",
        "https://www.london.gov.uk/",
        [
            "The Greater London Authority (GLA) is the city-wide government for London: the "
            "Mayor of London and the London Assembly.",
            "The Mayor’s health inequalities strategy and the Young Londoners Fund support "
            "our work on childhood obesity, social prescribing, homeless health and Thrive LDN.",
        ],
        [
            "/our-work/prevention/",
            "/our-work/prevention/social-prescribing/",
            "/our-work/prevention/great-weight-debate/",
            "/our-work/prevention/healthy-high-streets/",
            "/our-work/mental-health/thrive-ldn/",
            "/our-work/health-inequalities/",
            "/our-work/health-inequalities/homeless-health/",
        ],
    ),
    _partner(
        "public-health-england",
        "Public Health England",
        "other",
        "https://www.gov.uk/government/organisations/public-health-england",
        [
            "Public Health England was an executive agency of the Department of Health and "
            "Social Care. Its London team worked with us on HIV, childhood obesity and health "
            "inequalities. Its work passed to the UK Health Security Agency and the Office for "
            "Health Improvement and Disparities in 2021.",
        ],
        [
            "/our-work/prevention/",
            "/our-work/prevention/hiv-fast-track-city/",
            "/our-work/prevention/great-weight-debate/",
            "/our-work/health-inequalities/",
        ],
    ),
    _partner(
        "london-councils",
        "London Councils",
        "local-government",
        "https://www.londoncouncils.gov.uk/",
        [
            "London Councils represents London’s 32 borough councils and the City of London. "
            "Boroughs lead public health locally, and work with us on HIV, homelessness and "
            "mental health.",
        ],
        [
            "/our-work/prevention/hiv-fast-track-city/",
            "/our-work/mental-health/thrive-ldn/",
            "/our-work/mental-health/good-thinking/",
            "/our-work/health-inequalities/",
            "/our-work/health-inequalities/homeless-health/",
        ],
    ),
    _partner(
        "nhs-haringey-ccg",
        "NHS Haringey CCG",
        "ccg",
        "https://nclhealthandcare.org.uk/",
        [
            "NHS Haringey Clinical Commissioning Group planned and paid for health services in "
            "Haringey, and took part in the Healthy High Streets Challenge. Its work passed to "
            "NHS North Central London Integrated Care Board in July 2022.",
        ],
        ["/our-work/prevention/healthy-high-streets/", "/our-work/primary-care/"],
    ),
    _partner(
        "nhs-lambeth-ccg",
        "NHS Lambeth CCG",
        "ccg",
        "https://www.selondonics.org/",
        [
            "NHS Lambeth Clinical Commissioning Group planned and paid for health services in "
            "Lambeth, including one of London’s early social prescribing services. Its work "
            "passed to NHS South East London Integrated Care Board in July 2022.",
        ],
        ["/our-work/prevention/healthy-high-streets/", "/our-work/prevention/social-prescribing/"],
    ),
    _partner(
        "nhs-southwark-ccg",
        "NHS Southwark CCG",
        "ccg",
        "https://www.selondonics.org/",
        [
            "NHS Southwark Clinical Commissioning Group planned and paid for health services in "
            "Southwark. Its work passed to NHS South East London Integrated Care Board in July "
            "2022.",
        ],
        ["/our-work/prevention/healthy-high-streets/", "/our-work/primary-care/"],
    ),
    _partner(
        "mental-health-foundation",
        "Mental Health Foundation",
        "charity",
        "https://www.mentalhealth.org.uk/",
        [
            "The Mental Health Foundation is the UK’s charity for everyone’s mental health. It "
            "ran 17 community conversations with Thrive LDN, summarised in Londoners Said….",
        ],
        ["/our-work/mental-health/", "/our-work/mental-health/thrive-ldn/"],
    ),
    _partner(
        "mental-health-first-aid-england",
        "Mental Health First Aid England",
        "other",
        "https://mhfaengland.org/",
        [
            "Mental Health First Aid England is a social enterprise that trains people to spot "
            "the signs of mental ill health and offer support. With Thrive LDN it is bringing "
            "Youth Mental Health First Aid to every state-funded school and college in London.",
        ],
        [
            "/our-work/children-and-young-people/mental-health-in-schools/",
            "/our-work/mental-health/thrive-ldn/",
        ],
    ),
    _partner(
        "zero-suicide-alliance",
        "Zero Suicide Alliance",
        "charity",
        "https://www.zerosuicidealliance.com/",
        [
            "The Zero Suicide Alliance is a collaboration of NHS trusts, businesses and "
            "individuals committed to suicide prevention. Its free online training helps "
            "anyone to spot the signs and start a conversation.",
        ],
        ["/our-work/mental-health/", "/our-work/mental-health/thrive-ldn/"],
    ),
    _partner(
        "transport-for-london",
        "Transport for London",
        "regional-government",
        "https://tfl.gov.uk/",
        [
            "Transport for London (TfL) runs the capital’s transport network. Since February "
            "2019 its advertising estate has not carried adverts for food and drink high in "
            "fat, sugar and salt.",
        ],
        ["/our-work/prevention/", "/our-work/prevention/great-weight-debate/"],
    ),
    _partner(
        "guys-and-st-thomas-nhs-foundation-trust",
        "Guy’s and St Thomas’ NHS Foundation Trust",
        "nhs-trust",
        "https://www.guysandstthomas.nhs.uk/",
        [
            "Guy’s and St Thomas’ runs hospitals and community services in south London, "
            "including Evelina London Children’s Hospital, which works with us on children’s "
            "asthma care.",
        ],
        [
            "/our-work/children-and-young-people/",
            "/our-work/children-and-young-people/asthma/",
        ],
    ),
    _partner(
        "south-london-and-maudsley-nhs-foundation-trust",
        "South London and Maudsley NHS Foundation Trust",
        "nhs-trust",
        "https://slam.nhs.uk/",
        [
            "South London and Maudsley provides mental health services in Croydon, Lambeth, "
            "Lewisham and Southwark, and national specialist services.",
        ],
        ["/our-work/mental-health/", "/our-work/mental-health/crisis-care/"],
    ),
    _partner(
        "london-ambulance-service-nhs-trust",
        "London Ambulance Service NHS Trust",
        "nhs-trust",
        "https://www.londonambulance.nhs.uk/",
        [
            "London Ambulance Service answers 999 and 111 calls across the capital, and works "
            "with us on care for people in a mental health crisis.",
        ],
        ["/our-work/mental-health/crisis-care/"],
    ),
    _partner(
        "metropolitan-police-service",
        "Metropolitan Police Service",
        "other",
        "https://www.met.police.uk/",
        [
            "The Metropolitan Police worked with A&amp;E departments on a handover process for "
            "voluntary mental health patients, which won an HSJ award in 2018.",
        ],
        ["/our-work/mental-health/crisis-care/"],
    ),
    _partner(
        "uclpartners",
        "UCLPartners",
        "academic",
        "https://uclpartners.com/",
        [
            "UCLPartners is an academic health science partnership that helps to put research "
            "and innovation into practice across north London and beyond.",
        ],
        ["/our-work/digital/", "/our-work/primary-care/"],
    ),
]

# Authors and posts ----------------------------------------------------------------------

AUTHORS = {
    "Shaun Danielli": "HLP director",
    "HLP communications team": "Healthy London Partnership",
    "Amara Okafor": "Programme lead, children and young people",
    "Tom Whitfield": "Digital transformation manager",
}


def _article(kind, slug, title, date, intro, tags, authors, hero, body, partners=()):
    return {
        "parent": f"/news/{'videos' if kind == 'video' else kind}/",
        "slug": slug,
        "title": title,
        "date": date,
        "intro": intro,
        "tags": tags,
        "authors": authors,
        "hero_image": HERO[hero] if hero else None,
        "body": body,
        "related_partners": list(partners),
    }


def youtube(video_id):
    assert len(video_id) == 11, video_id
    return f"https://www.youtube.com/watch?v={video_id}"


ARTICLES = [
    # News
    _article(
        "news",
        "great-weight-debate-findings-published",
        "Great Weight Debate findings published",
        datetime.date(2017, 3, 20),
        "More than 3,000 Londoners took part in the Great Weight Debate. Today we publish what "
        "they told us about childhood obesity and what they want to change.",
        ["great-weight-debate", "prevention"],
        ["HLP communications team"],
        "prevention",
        [
            paragraph(
                "The Great Weight Debate asked Londoners what they thought should be done "
                "about childhood obesity in the capital. Londoners told us that healthy food "
                "should be easier to find and cheaper, and that children see too much "
                "advertising for food and drink high in fat, sugar and salt."
            ),
            heading("What happens next"),
            paragraph(
                "We will share the findings with every London borough and with the Mayor of "
                "London, and work with partners on the changes Londoners asked for."
            ),
        ],
        ["greater-london-authority", "public-health-england"],
    ),
    _article(
        "news",
        "london-asthma-standards-for-children-and-young-people",
        "London asthma standards for children and young people launched",
        datetime.date(2018, 9, 17),
        "New standards set out how asthma care for children and young people should be "
        "delivered across London, as schools go back and admissions reach their peak.",
        ["asthma", "children-and-young-people"],
        ["Amara Okafor"],
        "children-and-young-people",
        [
            paragraph(
                "The London asthma standards for children and young people bring national and "
                "local standards together in one place, for schools, GP practices, pharmacies, "
                "hospitals and commissioners."
            ),
            bullets(
                "Every child with asthma should have a written asthma action plan.",
                "Inhaler technique should be checked at every review.",
                "Every child should be reviewed within two working days of an attack.",
                lead="The standards include:",
            ),
        ],
        ["nhs-england", "guys-and-st-thomas-nhs-foundation-trust"],
    ),
    _article(
        "news",
        "junk-food-advertising-restrictions-on-tfl",
        "Junk food advertising restrictions come into force on the TfL network",
        datetime.date(2019, 2, 25),
        "From today, adverts for food and drink high in fat, sugar and salt no longer appear "
        "across the Transport for London advertising estate.",
        ["great-weight-debate", "prevention", "healthy-high-streets"],
        ["HLP communications team"],
        "prevention",
        [
            paragraph(
                "The Mayor of London’s restrictions cover the Underground, Overground, buses, "
                "bus shelters and trams. Londoners who took part in the Great Weight Debate "
                "asked for less advertising of unhealthy food, and this is one of the largest "
                "changes made as a result."
            ),
        ],
        ["transport-for-london", "greater-london-authority"],
    ),
    _article(
        "news",
        "good-thinking-passes-half-a-million-londoners",
        "Good Thinking passes half a million Londoners",
        datetime.date(2020, 10, 10),
        "On World Mental Health Day, London’s digital mental wellbeing service has now "
        "supported more than half a million Londoners.",
        ["good-thinking", "mental-health", "digital"],
        ["Tom Whitfield"],
        "mental-health",
        [
            paragraph(
                "Use of Good Thinking grew quickly during 2020, as Londoners looked for support "
                "with anxiety, sleep and stress during the pandemic. New content covers "
                "bereavement, working from home and money worries."
            ),
            inset_text("Good Thinking is free for everyone who lives or works in London."),
        ],
    ),
    _article(
        "news",
        "homeless-health-needs-assessment-guide-updated",
        "Homeless health needs assessment guide updated",
        datetime.date(2024, 11, 18),
        "Our interactive guide to homeless health needs assessments has been updated for "
        "integrated care boards and their partners.",
        ["homeless-health", "health-inequalities"],
        ["HLP communications team"],
        "health-inequalities",
        [
            paragraph(
                "The guide helps local authorities, integrated care boards and voluntary "
                "organisations to find out what people experiencing homelessness need from "
                "health services, and to plan services around them."
            ),
            paragraph(
                "The update adds new data sources and examples from London boroughs. "
                + page_link("/resources/", "Find the guide in our resources")
                + "."
            ),
        ],
        ["london-councils"],
    ),
    # Blog
    _article(
        "blog",
        "are-we-ok-london",
        "Are we OK, London?",
        datetime.date(2018, 10, 10),
        "On World Mental Health Day, Thrive LDN asks Londoners a simple question, and "
        "explains why the answers matter.",
        ["thrive-ldn", "mental-health"],
        ["HLP communications team"],
        "mental-health",
        [
            paragraph(
                "Thrive LDN’s ‘Are we OK London?’ campaign invites Londoners to talk about how "
                "they are really feeling, and to look out for each other."
            ),
            paragraph(
                "Young Londoners have organised a festival of cultural activity as part of the "
                "campaign, from spoken word to street art, to start conversations about mental "
                "health in their own communities."
            ),
            quote(
                "Everyone has mental health. Talking about it is how we look after it.",
                "A young Londoner",
                "Festival organiser",
            ),
        ],
        ["mental-health-foundation"],
    ),
    _article(
        "blog",
        "what-social-prescribing-means-for-a-gp-practice",
        "What social prescribing means for a GP practice",
        datetime.date(2019, 6, 12),
        "A year after the Social Prescribing Vision for London, what has changed for patients "
        "and staff in general practice?",
        ["social-prescribing", "primary-care", "prevention"],
        ["HLP communications team"],
        "primary-care",
        [
            paragraph(
                "Social prescribing link workers are now part of primary care networks across "
                "London. They spend time with patients whose needs are not medical, such as "
                "loneliness, debt or housing, and connect them to local support."
            ),
            heading("What practices tell us"),
            bullets(
                "Fewer repeat appointments for people whose problems are not medical.",
                "More time for GPs to spend with patients who need them.",
                "Stronger links with local voluntary and community groups.",
            ),
        ],
        ["nhs-lambeth-ccg"],
    ),
    _article(
        "blog",
        "world-aids-day-london-fast-track-city",
        "World AIDS Day: three years as a Fast-Track City",
        datetime.date(2021, 12, 1),
        "London signed the Paris Declaration on World AIDS Day 2018. Three years on, how close "
        "are we to zero new infections?",
        ["hiv-fast-track-city", "prevention", "health-inequalities"],
        ["Shaun Danielli"],
        "prevention",
        [
            paragraph(
                "New HIV diagnoses in London have continued to fall, but not equally: the fall "
                "has been slower among women, Black African communities and people born "
                "outside the UK."
            ),
            paragraph(
                "Reaching zero by 2030 means testing in more places, starting treatment "
                "quickly, and ending the stigma that stops people from coming forward."
            ),
        ],
        ["london-councils", "public-health-england"],
    ),
    _article(
        "blog",
        "askaboutasthma-four-small-steps",
        "#AskAboutAsthma: four small steps for the new school year",
        datetime.date(2023, 9, 11),
        "Week 38 brings the year’s highest hospital admissions for children’s asthma. Four "
        "small steps can keep children well and in school.",
        ["asthma", "children-and-young-people"],
        ["Amara Okafor"],
        "children-and-young-people",
        [
            bullets(
                "Make sure every child has a written asthma action plan.",
                "Check inhaler technique: most children do not use their inhaler correctly.",
                "Book an asthma review every year.",
                "Arrange a review within two working days of any asthma attack.",
                lead="This year’s #AskAboutAsthma campaign asks parents, schools and "
                "professionals to take four small steps:",
            ),
        ],
        ["guys-and-st-thomas-nhs-foundation-trust", "nhs-england"],
    ),
    _article(
        "blog",
        "mental-health-in-schools-what-we-have-learned",
        "Mental health in schools: what we have learned",
        datetime.date(2025, 5, 12),
        "Seven years after the Mental Health in Schools Toolkit, what do London’s schools say "
        "helps their pupils most?",
        ["mental-health-in-schools", "children-and-young-people", "thrive-ldn"],
        ["Amara Okafor"],
        "children-and-young-people",
        [
            paragraph(
                "Schools tell us that a whole-school approach works best: mental health in the "
                "curriculum, trained staff, and quick routes to specialist help when a pupil "
                "needs it."
            ),
            heading("Training that reaches every school"),
            paragraph(
                "Youth Mental Health First Aid training, delivered with Thrive LDN and Mental "
                "Health First Aid England, has now reached staff in schools and colleges in "
                "every London borough."
            ),
        ],
        ["mental-health-first-aid-england"],
    ),
    # Videos
    _article(
        "video",
        "our-year-in-2018",
        "Our year in 2018: end of year highlights",
        datetime.date(2018, 12, 14),
        "Our end of year highlights video: partners working together across London on "
        "prevention, digital, mental health and children and young people.",
        ["prevention", "digital", "mental-health", "children-and-young-people"],
        ["Shaun Danielli"],
        "together",
        [
            paragraph("A look back at 2018 with partners across London’s health and care system."),
            video(
                youtube("HLPdemo2018"),
                "Healthy London Partnership: end of year highlights 2018",
                "Partners from the NHS, the Greater London Authority and London’s boroughs "
                "describe the year’s work on social prescribing, HIV, online GP services, Good "
                "Thinking, crisis care and children’s asthma.",
            ),
        ],
    ),
    _article(
        "video",
        "askaboutasthma-a-parents-story",
        "#AskAboutAsthma: a parent’s story",
        datetime.date(2019, 9, 16),
        "A mother from Lewisham explains how an asthma action plan changed her son’s school year.",
        ["asthma", "children-and-young-people"],
        ["Amara Okafor"],
        "children-and-young-people",
        [
            video(
                youtube("HLPasthma19"),
                "#AskAboutAsthma: a parent’s story",
                "A parent describes her son’s asthma attacks, the written action plan agreed "
                "with their GP and school nurse, and how the family learned good inhaler "
                "technique.",
            ),
        ],
    ),
    _article(
        "video",
        "thrive-ldn-londoners-on-what-helps",
        "Thrive LDN: Londoners on what helps them cope",
        datetime.date(2021, 3, 8),
        "Londoners from across the city talk about what helped their mental health through a "
        "difficult year.",
        ["thrive-ldn", "mental-health"],
        ["HLP communications team"],
        "mental-health",
        [
            video(
                youtube("HLPthrive21"),
                "Thrive LDN: what helps Londoners cope",
                "Londoners talk about staying connected, getting outside, asking for help early "
                "and the local groups that supported them.",
            ),
            paragraph(
                "Find support and advice on the "
                + page_link("/our-work/mental-health/good-thinking/", "Good Thinking")
                + " programme page."
            ),
        ],
        ["mental-health-foundation"],
    ),
    _article(
        "video",
        "nhs-go-young-londoners-explain",
        "NHS Go: young Londoners explain the app",
        datetime.date(2025, 2, 3),
        "Young Londoners who helped to design NHS Go explain what it does and why it is "
        "confidential.",
        ["nhs-go", "children-and-young-people", "digital"],
        ["Tom Whitfield"],
        "digital",
        [
            video(
                youtube("HLPnhsgo_25"),
                "NHS Go explained by young Londoners",
                "Three young people show how to use NHS Go to find confidential advice on "
                "sexual health, mental health and where to get help nearby.",
            ),
        ],
    ),
]

# Resources ------------------------------------------------------------------------------


def _resource(slug, title, resource_type, date, summary, tags, body, documents=()):
    return {
        "slug": slug,
        "title": title,
        "resource_type": resource_type,
        "date": date,
        "summary": summary,
        "tags": tags,
        "body": body,
        "documents": list(documents),
    }


def _document(title, filename, *lines):
    return {"title": title, "filename": filename, "text": "\n\n".join(lines) + "\n"}


RESOURCES = [
    _resource(
        "mental-health-in-schools-toolkit",
        "Mental Health in Schools Toolkit",
        "toolkit",
        datetime.date(2018, 10, 8),
        "Information for schools, governors and commissioners on mental health and emotional "
        "wellbeing in schools, with guidance, practical tools and examples from across London.",
        ["mental-health-in-schools", "children-and-young-people"],
        [
            paragraph(
                "The toolkit brings together links to relevant guidance, practical tools and "
                "resources, and examples from across London of new initiatives and approaches "
                "in schools and local authorities."
            ),
            bullets(
                "A whole-school approach to mental health and wellbeing.",
                "Commissioning mental health support for schools.",
                "Examples from London schools and boroughs.",
                lead="Sections:",
            ),
        ],
        [
            _document(
                "Mental Health in Schools Toolkit: summary",
                "mental-health-in-schools-toolkit-summary.txt",
                "Mental Health in Schools Toolkit: summary",
                "Healthy London Partnership, October 2018.",
                "1. A whole-school approach. 2. Commissioning support. 3. Examples from London.",
            ),
        ],
    ),
    _resource(
        "londoners-said",
        "Londoners Said…",
        "publication",
        datetime.date(2018, 11, 26),
        "A report summarising the findings of 17 community conversations run by Thrive LDN "
        "with the Mental Health Foundation in half of London’s boroughs.",
        ["thrive-ldn", "mental-health"],
        [
            paragraph(
                "Each community conversation produced a comprehensive write-up to underpin a "
                "plan for local action. This report brings together what Londoners said across "
                "all 17."
            ),
        ],
        [
            _document(
                "Londoners Said…: findings of the community conversations",
                "londoners-said-findings.txt",
                "Londoners Said…",
                "Findings of 17 community conversations, Thrive LDN and the Mental Health "
                "Foundation, 2018.",
            ),
        ],
    ),
    _resource(
        "homeless-health-needs-assessment-guide",
        "Homeless health needs assessment: an interactive guide",
        "guidance",
        datetime.date(2018, 12, 3),
        "A guide for local authorities, clinical commissioning groups and integrated care "
        "systems on conducting a homeless health needs assessment.",
        ["homeless-health", "health-inequalities"],
        [
            paragraph(
                "The guide takes you through each stage of a needs assessment, from gathering "
                "data to involving people with lived experience of homelessness."
            ),
        ],
        [
            _document(
                "Homeless health needs assessment guide: checklist",
                "homeless-health-needs-assessment-checklist.txt",
                "Homeless health needs assessment: checklist",
                "1. Agree the scope. 2. Gather data. 3. Involve people with lived experience. "
                "4. Map services. 5. Agree actions.",
            ),
        ],
    ),
    _resource(
        "london-asthma-standards",
        "London asthma standards for children and young people",
        "guidance",
        datetime.date(2018, 9, 17),
        "Standards for how asthma care for children and young people should be delivered "
        "across London, bringing national and local standards together.",
        ["asthma", "children-and-young-people"],
        [
            paragraph(
                "The standards cover care in schools, GP practices, pharmacies, urgent care and "
                "hospitals, and the transition to adult services."
            ),
        ],
    ),
    _resource(
        "social-prescribing-vision-for-london",
        "A Social Prescribing Vision for London",
        "publication",
        datetime.date(2018, 11, 5),
        "Our shared vision, developed with the Greater London Authority, for social "
        "prescribing in London.",
        ["social-prescribing", "prevention", "primary-care"],
        [
            paragraph(
                "The vision describes how every Londoner who would benefit could be referred "
                "to social prescribing, and what voluntary and community groups need to "
                "support them."
            ),
        ],
        [
            _document(
                "A Social Prescribing Vision for London (text version)",
                "social-prescribing-vision-for-london.txt",
                "A Social Prescribing Vision for London",
                "Healthy London Partnership and the Greater London Authority, 2018.",
            ),
        ],
    ),
    _resource(
        "section-136-place-of-safety-case-study",
        "London’s first 24/7 staffed place of safety",
        "case-study",
        datetime.date(2018, 7, 2),
        "How the first 24/7 staffed place of safety to implement London’s Section 136 pathway "
        "improved care for people in a mental health crisis.",
        ["crisis-care", "mental-health"],
        [
            paragraph(
                "Users of mental health crisis services gave overwhelmingly positive feedback, "
                "and the site eased pressure on the police, paramedics and A&amp;E departments."
            ),
        ],
    ),
    _resource(
        "social-prescribing-in-lambeth",
        "Social prescribing in a Lambeth GP practice",
        "case-study",
        datetime.date(2019, 6, 12),
        "How a link worker in a Lambeth practice supported patients with loneliness, debt and "
        "housing problems.",
        ["social-prescribing", "primary-care"],
        [
            paragraph(
                "In its first year the practice referred more than 300 patients to its link "
                "worker. Most were connected to at least one local group or service."
            ),
        ],
    ),
    _resource(
        "nhs-go-promotional-toolkit",
        "NHS Go promotional toolkit",
        "toolkit",
        datetime.date(2018, 8, 20),
        "Posters, business cards and social media content for organisations that want to "
        "tell young people about NHS Go.",
        ["nhs-go", "children-and-young-people"],
        [
            paragraph(
                "Everything in the toolkit is free to print and share. Please do not change "
                "the NHS Go logo or colours."
            ),
        ],
        [
            _document(
                "NHS Go promotional toolkit: contents",
                "nhs-go-promotional-toolkit.txt",
                "NHS Go promotional toolkit",
                "Contents: A3 and A4 posters, business cards, social media images and text.",
            ),
        ],
    ),
]

# About us and footer pages --------------------------------------------------------------


def _standard(path, title, intro, body, published, menu=False, footer=False):
    return {
        "path": path,
        "title": title,
        "intro": intro,
        "body": body,
        "published": published,
        "show_in_menus": menu,
        "show_in_footer": footer,
    }


ABOUT_US = _standard(
    "/about-us/",
    "About us",
    "Healthy London Partnership brings London’s health and care organisations together to "
    "make London the world’s healthiest city.",
    [
        heading("Who we are"),
        paragraph(
            "Healthy London Partnership (HLP) was formed in 2015. We work across London’s health "
            "and care system and beyond: London’s clinical commissioning groups, NHS England, "
            "NHS Improvement, hospital trusts and providers, the Greater London Authority, the "
            "Mayor of London, Public Health England and London Councils."
        ),
        heading("How we work"),
        paragraph(
            "All our work is founded on common goals set out in Better Health for London, the "
            "NHS Five Year Forward View and London’s Devolution Agreement. Our programmes tackle "
            "challenges that are best met at the scale of the whole city, and share what works "
            "so that every area can use it."
        ),
        call_to_action(
            "Explore our work",
            page="/our-work/",
            description="Our programmes, from prevention to mental health.",
        ),
        call_to_action(
            "Meet our partners",
            page="/partners/",
            description="The organisations we work with across London.",
        ),
    ],
    SITE_LAUNCHED,
    menu=True,
)

CONTACT_US = _standard(
    "/contact-us/",
    "Contact us",
    "How to get in touch with the Healthy London Partnership team.",
    [
        heading("General enquiries"),
        paragraph(
            "Email "
            + external_link("mailto:contact@healthylondon.example", "contact@healthylondon.example")
            + ". We aim to reply within 5 working days."
        ),
        heading("Media enquiries"),
        paragraph(
            "Journalists can email "
            + external_link("mailto:press@healthylondon.example", "press@healthylondon.example")
            + "."
        ),
        heading("Write to us"),
        paragraph(
            "Healthy London Partnership<br/>Wellington House<br/>133-155 Waterloo Road<br/>"
            "London<br/>SE1 8UG"
        ),
        inset_text(
            "We cannot give medical advice. If you need medical help, go to "
            + external_link("https://111.nhs.uk/", "111.nhs.uk")
            + " or call 111. In an emergency, call 999."
        ),
    ],
    SITE_LAUNCHED,
    footer=True,
)

ACCESSIBILITY_STATEMENT = _standard(
    "/accessibility-statement/",
    "Accessibility statement",
    "This accessibility statement applies to the Healthy London Partnership website.",
    [
        paragraph(
            "This website is run by Healthy London Partnership. We want as many people as "
            "possible to be able to use this website. For example, that means you should be "
            "able to:"
        ),
        bullets(
            "change colours, contrast levels and fonts using browser or device settings",
            "zoom in up to 400% without the text spilling off the screen",
            "navigate most of the website using a keyboard or speech recognition software",
            "listen to most of the website using a screen reader (including the most recent "
            "versions of JAWS, NVDA and VoiceOver)",
        ),
        paragraph(
            "We’ve also made the website text as simple as possible to understand.",
            external_link("https://mcmw.abilitynet.org.uk/", "AbilityNet")
            + " has advice on making your device easier to use if you have a disability.",
        ),
        heading("How accessible this website is"),
        bullets(
            "some older PDF and Word documents are not fully accessible to screen reader software",
            "some videos hosted on YouTube rely on automatically generated captions",
            "some images in older posts do not have a good text alternative",
            lead="We know some parts of this website are not fully accessible:",
        ),
        heading("Feedback and contact information"),
        paragraph(
            "If you need information on this website in a different format like accessible "
            "PDF, large print, easy read, audio recording or braille, email "
            + external_link("mailto:contact@healthylondon.example", "contact@healthylondon.example")
            + ". We’ll consider your request and get back to you in 5 working days."
        ),
        heading("Reporting accessibility problems with this website"),
        paragraph(
            "We’re always looking to improve the accessibility of this website. If you find "
            "any problems not listed on this page or think we’re not meeting accessibility "
            "requirements, " + page_link("/contact-us/", "contact us") + "."
        ),
        heading("Enforcement procedure"),
        paragraph(
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
            "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
            "Regulations 2018 (the ‘accessibility regulations’). If you’re not happy with how "
            "we respond to your complaint, "
            + external_link(
                "https://www.equalityadvisoryservice.com/",
                "contact the Equality Advisory and Support Service (EASS)",
            )
            + "."
        ),
        heading("Technical information about this website’s accessibility"),
        paragraph(
            "Healthy London Partnership is committed to making its website accessible, in "
            "accordance with the Public Sector Bodies (Websites and Mobile Applications) "
            "(No. 2) Accessibility Regulations 2018."
        ),
        heading("Compliance status", "h3"),
        paragraph(
            "This website is partially compliant with the "
            + external_link(
                "https://www.w3.org/TR/WCAG22/",
                "Web Content Accessibility Guidelines version 2.2",
            )
            + " AA standard, due to the non-compliances listed below."
        ),
        heading("Non-accessible content", "h2"),
        paragraph("The content listed below is non-accessible for the following reasons."),
        heading("Non-compliance with the accessibility regulations", "h3"),
        bullets(
            "Some documents published as PDFs are not tagged, so screen readers cannot read "
            "their headings and tables in order. This fails WCAG 2.2 success criterion 1.3.1 "
            "(Info and Relationships). We are replacing the most used documents with accessible "
            "web pages.",
            "Some videos published before 2020 have automatically generated captions that "
            "contain errors. This fails WCAG 2.2 success criterion 1.2.2 (Captions "
            "(Prerecorded)). We are reviewing their captions and adding transcripts.",
            "Some images in posts published before 2019 do not have a text alternative, so "
            "the information in them is not available to people using a screen reader. This "
            "fails WCAG 2.2 success criterion 1.1.1 (Non-text Content).",
        ),
        heading("Content that’s not within the scope of the accessibility regulations", "h3"),
        paragraph(
            "Many of our older PDFs and Word documents do not meet accessibility standards. "
            "The accessibility regulations do not require us to fix PDFs or other documents "
            "published before 23 September 2018 if they’re not essential to providing our "
            "services. Any new PDFs or Word documents we publish will meet accessibility "
            "standards."
        ),
        heading("What we’re doing to improve accessibility"),
        paragraph(
            "Every page type on this website is tested automatically with axe-core in a real "
            "browser before each release, and we test new features with a keyboard and with "
            "screen readers. We will fix the problems listed above by March 2027."
        ),
        heading("Preparation of this accessibility statement"),
        paragraph(
            "This statement was prepared on 23 September 2024. It was last reviewed on "
            "2 November 2026.",
            "This website was last tested on 19 October 2026 against the WCAG 2.2 AA "
            "standard. The test was carried out by the Healthy London Partnership digital "
            "team, using automated testing on every page type and manual testing of a sample "
            "of pages of each type with a keyboard, NVDA, VoiceOver and 400% zoom.",
        ),
    ],
    datetime.date(2019, 9, 23),
    footer=True,
)

PRIVACY = _standard(
    "/privacy/",
    "Privacy",
    "How Healthy London Partnership uses information about you when you use this website.",
    [
        heading("Who we are"),
        paragraph(
            "Healthy London Partnership is hosted by NHS England, which is the data "
            "controller for personal information collected through this website."
        ),
        heading("What we collect"),
        paragraph(
            "You can read this website without telling us who you are. We do not use "
            "analytics or advertising cookies, and we do not track you across other websites."
        ),
        bullets(
            "Our web servers keep logs that include your IP address, the pages you visited and "
            "your browser type. We use them only to keep the website secure and working, and "
            "delete them after 30 days.",
            "If you email us, we use your name, email address and message to reply to you, "
            "and keep them for up to 2 years.",
            lead="We collect personal information only in these cases:",
        ),
        heading("Cookies"),
        paragraph(
            "This website sets no cookies for visitors. Staff who sign in to edit the website "
            "get essential cookies that keep them signed in and protect forms from misuse."
        ),
        heading("Embedded videos"),
        paragraph(
            "Videos are embedded from YouTube in privacy-enhanced mode (youtube-nocookie.com). "
            "YouTube does not set cookies until you play a video."
        ),
        heading("Your rights"),
        paragraph(
            "Under the UK General Data Protection Regulation you have the right to see the "
            "information we hold about you, to ask us to correct or delete it, and to object "
            "to how we use it. To make a request, " + page_link("/contact-us/", "contact us") + ".",
            "If you are unhappy with how we have used your information, you can complain to "
            "the "
            + external_link(
                "https://ico.org.uk/make-a-complaint/", "Information Commissioner’s Office"
            )
            + ".",
        ),
    ],
    datetime.date(2018, 5, 25),
    footer=True,
)

# In the order they are created; About us is the fifth item of the main menu.
STANDARD_PAGES = [ABOUT_US, CONTACT_US, ACCESSIBILITY_STATEMENT, PRIVACY]
