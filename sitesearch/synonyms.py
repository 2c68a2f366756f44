"""Abbreviations and other names visitors type for what the site calls something else.

Maintained by hand: a key is what a visitor may type (lower case, punctuation kept, as in
"a&e"), its value the words or phrases that also count as a match. A search for the key
finds pages with the key itself or any of them; so does a phrase with the key in quotes.
Keep it short and specific: every expansion widens every search that uses the key.
"""

SYNONYMS = {
    "cyp": ["children and young people", "young people"],
    "mh": ["mental health"],
    "gp": ["general practice", "primary care"],
    "gps": ["general practice", "primary care"],
    "hiv": ["aids", "fast-track city"],
    "aids": ["hiv"],
    "a&e": ["accident and emergency", "emergency department", "crisis care"],
    "thrive": ["thrive ldn"],
    "ldn": ["london"],
    "tfl": ["transport for london"],
    "gla": ["greater london authority"],
    "phe": ["public health england"],
    "ccg": ["clinical commissioning group"],
    "ccgs": ["clinical commissioning group"],
    "slam": ["south london and maudsley"],
    "las": ["london ambulance service"],
    "met": ["metropolitan police"],
    "obesity": ["weight"],
    "homelessness": ["homeless"],
    "rough sleeping": ["homeless"],
    "app": ["nhs go", "online"],
}
