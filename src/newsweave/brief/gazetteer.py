"""A small general gazetteer: countries, capitals, regions and demonyms, written for newsweave.

General knowledge, not derived from any data set.  It lets the entity finder call
"Hanoi" a place without a model; anything not listed is judged by its context.
"""

from __future__ import annotations

__all__ = ["DEMONYMS", "ORGANISATIONS", "PLACES", "PLACE_ALIASES"]


def _lines(text: str) -> frozenset[str]:
    return frozenset(line.strip() for line in text.strip().splitlines() if line.strip())


PLACES: frozenset[str] = _lines(
    """
    Afghanistan
    Albania
    Algeria
    Andorra
    Angola
    Antigua and Barbuda
    Argentina
    Armenia
    Australia
    Austria
    Azerbaijan
    Bahamas
    Bahrain
    Bangladesh
    Barbados
    Belarus
    Belgium
    Belize
    Benin
    Bhutan
    Bolivia
    Bosnia and Herzegovina
    Bosnia
    Botswana
    Brazil
    Brunei
    Bulgaria
    Burkina Faso
    Burundi
    Cambodia
    Cameroon
    Canada
    Cape Verde
    Central African Republic
    Chad
    Chile
    China
    Colombia
    Comoros
    Congo
    Costa Rica
    Croatia
    Cuba
    Cyprus
    Czech Republic
    Czechia
    Denmark
    Djibouti
    Dominica
    Dominican Republic
    East Timor
    Ecuador
    Egypt
    El Salvador
    Equatorial Guinea
    Eritrea
    Estonia
    Eswatini
    Ethiopia
    Fiji
    Finland
    France
    Gabon
    Gambia
    Georgia
    Germany
    Ghana
    Greece
    Grenada
    Guatemala
    Guinea
    Guinea-Bissau
    Guyana
    Haiti
    Honduras
    Hungary
    Iceland
    India
    Indonesia
    Iran
    Iraq
    Ireland
    Israel
    Italy
    Ivory Coast
    Jamaica
    Japan
    Jordan
    Kazakhstan
    Kenya
    Kiribati
    Kosovo
    Kuwait
    Kyrgyzstan
    Laos
    Latvia
    Lebanon
    Lesotho
    Liberia
    Libya
    Liechtenstein
    Lithuania
    Luxembourg
    Madagascar
    Malawi
    Malaysia
    Maldives
    Mali
    Malta
    Marshall Islands
    Mauritania
    Mauritius
    Mexico
    Micronesia
    Moldova
    Monaco
    Mongolia
    Montenegro
    Morocco
    Mozambique
    Myanmar
    Burma
    Namibia
    Nauru
    Nepal
    Netherlands
    New Zealand
    Nicaragua
    Niger
    Nigeria
    North Korea
    North Macedonia
    Norway
    Oman
    Pakistan
    Palau
    Palestine
    Panama
    Papua New Guinea
    Paraguay
    Peru
    Philippines
    Poland
    Portugal
    Qatar
    Romania
    Russia
    Rwanda
    Saint Lucia
    Samoa
    San Marino
    Saudi Arabia
    Senegal
    Serbia
    Seychelles
    Sierra Leone
    Singapore
    Slovakia
    Slovenia
    Solomon Islands
    Somalia
    South Africa
    South Korea
    South Sudan
    Spain
    Sri Lanka
    Sudan
    Suriname
    Sweden
    Switzerland
    Syria
    Taiwan
    Tajikistan
    Tanzania
    Thailand
    Togo
    Tonga
    Trinidad and Tobago
    Tunisia
    Turkey
    Turkmenistan
    Tuvalu
    Uganda
    Ukraine
    United Arab Emirates
    United Kingdom
    United States
    Uruguay
    Uzbekistan
    Vanuatu
    Vatican
    Venezuela
    Vietnam
    Yemen
    Zambia
    Zimbabwe
    Britain
    Great Britain
    England
    Scotland
    Wales
    Northern Ireland
    Hong Kong
    Macau
    Greenland
    Puerto Rico
    Gaza
    West Bank
    Crimea
    Tibet
    Soviet Union
    Africa
    Asia
    Europe
    North America
    South America
    Latin America
    Antarctica
    Oceania
    Middle East
    Southeast Asia
    South Asia
    Central Asia
    East Asia
    Asia-Pacific
    Balkans
    Caribbean
    Scandinavia
    Arctic
    Kabul
    Tirana
    Algiers
    Buenos Aires
    Yerevan
    Canberra
    Sydney
    Melbourne
    Vienna
    Baku
    Dhaka
    Minsk
    Brussels
    Brasilia
    Rio de Janeiro
    Sao Paulo
    Sofia
    Phnom Penh
    Ottawa
    Toronto
    Montreal
    Vancouver
    Santiago
    Beijing
    Shanghai
    Hong Kong
    Bogota
    Havana
    Nicosia
    Prague
    Copenhagen
    Cairo
    Addis Ababa
    Helsinki
    Paris
    Tbilisi
    Berlin
    Munich
    Frankfurt
    Accra
    Athens
    Budapest
    Reykjavik
    New Delhi
    Delhi
    Mumbai
    Jakarta
    Tehran
    Baghdad
    Dublin
    Jerusalem
    Tel Aviv
    Rome
    Milan
    Tokyo
    Osaka
    Amman
    Astana
    Nairobi
    Pristina
    Riga
    Beirut
    Tripoli
    Vilnius
    Kuala Lumpur
    Mexico City
    Chisinau
    Ulaanbaatar
    Rabat
    Naypyidaw
    Yangon
    Kathmandu
    Amsterdam
    The Hague
    Wellington
    Abuja
    Lagos
    Pyongyang
    Oslo
    Islamabad
    Karachi
    Lahore
    Manila
    Warsaw
    Lisbon
    Doha
    Bucharest
    Moscow
    St Petersburg
    Saint Petersburg
    Kigali
    Riyadh
    Dakar
    Belgrade
    Bratislava
    Ljubljana
    Mogadishu
    Pretoria
    Johannesburg
    Cape Town
    Seoul
    Madrid
    Barcelona
    Colombo
    Khartoum
    Stockholm
    Bern
    Geneva
    Zurich
    Damascus
    Taipei
    Dushanbe
    Dodoma
    Bangkok
    Tunis
    Ankara
    Istanbul
    Kampala
    Kyiv
    Kiev
    Kharkiv
    Odesa
    Abu Dhabi
    Dubai
    London
    Manchester
    Edinburgh
    Washington
    New York
    New York City
    Los Angeles
    Chicago
    San Francisco
    Montevideo
    Tashkent
    Caracas
    Hanoi
    Ho Chi Minh City
    Saigon
    Sanaa
    Lusaka
    Harare
    California
    Texas
    Florida
    """
)
"""Countries, major cities and regions, as usually written in English news."""

PLACE_ALIASES: dict[str, str] = {
    "U.S.": "United States",
    "US": "United States",
    "U.S.A.": "United States",
    "USA": "United States",
    "America": "United States",
    "United States of America": "United States",
    "U.K.": "United Kingdom",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "Kiev": "Kyiv",
    "Burma": "Myanmar",
    "Czechia": "Czech Republic",
    "Saigon": "Ho Chi Minh City",
    "Saint Petersburg": "St Petersburg",
    "USSR": "Soviet Union",
    "PRC": "China",
    "DPRK": "North Korea",
    "UAE": "United Arab Emirates",
}
"""Short and older forms of a place mapped to the form used in briefs."""

ORGANISATIONS: frozenset[str] = _lines(
    """
    UN
    United Nations
    NATO
    EU
    European Union
    European Commission
    European Parliament
    ASEAN
    African Union
    World Bank
    IMF
    International Monetary Fund
    WHO
    World Health Organization
    WTO
    OPEC
    G7
    G20
    BRICS
    Red Cross
    Interpol
    Kremlin
    Pentagon
    White House
    Congress
    Senate
    Parliament
    FBI
    CIA
    Reuters
    Associated Press
    AP
    AFP
    Agence France-Presse
    Bloomberg
    BBC
    CNN
    Xinhua
    TASS
    """
)
"""International bodies, seats of government used as names, and news agencies."""

DEMONYMS: frozenset[str] = _lines(
    """
    American
    Afghan
    African
    Arab
    Argentine
    Asian
    Australian
    Austrian
    Belgian
    Brazilian
    British
    Canadian
    Chilean
    Chinese
    Colombian
    Cuban
    Czech
    Danish
    Dutch
    Egyptian
    English
    European
    Filipino
    Finnish
    French
    German
    Greek
    Hungarian
    Indian
    Indonesian
    Iranian
    Iraqi
    Irish
    Israeli
    Italian
    Japanese
    Korean
    North Korean
    South Korean
    Lebanese
    Malaysian
    Mexican
    Nigerian
    Norwegian
    Pakistani
    Palestinian
    Polish
    Portuguese
    Russian
    Saudi
    Scottish
    Soviet
    Spanish
    Swedish
    Swiss
    Syrian
    Taiwanese
    Thai
    Turkish
    Ukrainian
    Venezuelan
    Vietnamese
    Welsh
    Western
    Eastern
    Northern
    Southern
    Communist
    Democratic
    Republican
    Islamic
    Catholic
    Christian
    Muslim
    Jewish
    """
)
"""Adjectives of nationality, region or creed: capitalised, but not names on their own."""
