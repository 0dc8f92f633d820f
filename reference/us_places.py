"""U.S. places a reporter lives in: USPS two-letter codes for the states, DC and the territories, and ZIP codes.

The codes are the USPS's (Publication 28, appendix B): the 50 states, the District of Columbia, and American
Samoa, Guam, the Northern Mariana Islands, Puerto Rico and the U.S. Virgin Islands, plus the freely associated
states the USPS serves (Federated States of Micronesia, Marshall Islands, Palau). Military addresses (AA, AE,
AP) are not places where harm lands, so they are not on the list. Names are proper names and stay in English.
"""

import re

US_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "AS": "American Samoa",
    "GU": "Guam",
    "MP": "Northern Mariana Islands",
    "PR": "Puerto Rico",
    "VI": "U.S. Virgin Islands",
    "FM": "Federated States of Micronesia",
    "MH": "Marshall Islands",
    "PW": "Palau",
}
US_STATE_CODES = frozenset(US_STATES)
ZIP_CODE = re.compile(r"^\d{5}(-\d{4})?$")


def state_choices():
    """(code, name) pairs sorted by name, for a select box."""
    return sorted(US_STATES.items(), key=lambda item: item[1])


def state_name(code):
    return US_STATES.get(code, code)


def is_zip_code(value):
    return isinstance(value, str) and value.isascii() and bool(ZIP_CODE.match(value))
