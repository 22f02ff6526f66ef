"""Build ``src/dyadscope/data/gazetteers/countries.jsonl`` from rigour plus a curated table.

Run from the repository root::

    .venv/bin/python scripts/build_gazetteer.py

The script is the source of truth; the JSONL file is its committed output.  rigour
(OpenSanctions) supplies the list of current countries, their codes, official names and
Wikidata ids.  rigour's alternative names mix dozens of languages, so only a few safe
kinds are taken from it (official English names and short acronyms such as "UAE"); the
English short forms, demonyms, capitals and seat-of-power metonyms come from the
curated ``CURATED`` table below.  Spelling variants of curated demonyms that rigour
knows about (for instance "Ecuadorean" next to "Ecuadorian") are added as well.

Record schema (one JSON object per line, sorted by id)::

    {"id": "BLR", "alpha3": "BLR", "name": "Belarus",
     "names": [...], "demonyms": [...], "capitals": [...], "metonyms": [...],
     "qid": "Q184"}
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein
from rigour._core import territories_jsonl
from rigour.data import iter_jsonl_text

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "dyadscope" / "data" / "gazetteers" / "countries.jsonl"

# Territories rigour does not flag as countries but that international news treats as
# parties to relations.
EXTRA_CODES = {"ps"}

# Display-name fixes where rigour's `name` is not the usual English short name.
NAME_OVERRIDES = {
    "NRU": "Nauru",
    "COG": "Republic of the Congo",
    "SHN": "Saint Helena",
}

# Names rigour offers that must never be used for matching (ambiguous or jokey).
DROP_NAMES = {
    "USA": {"america", "u.s. of a"},
    "PRK": {"best korea"},
    "CAF": {"car"},
    "TWN": {"taiwan (province of china)"},
    "ALA": {"aland islands"},
    "FLK": {"falkland islands [malvinas]"},
    "SXM": {"sint maarten (dutch part)"},
    "MMR": {"myanmar (burma)"},
    "VAT": {"holy see (vatican)"},
}

# alpha3: (extra English names, demonyms, capitals, metonyms); "|" separates values.
CURATED: dict[str, tuple[str, str, str, str]] = {
    "ABW": ("", "Aruban", "Oranjestad", ""),
    "AFG": (
        "Islamic Republic of Afghanistan|Islamic Emirate of Afghanistan",
        "Afghan|Afghans|Afghani",
        "Kabul",
        "",
    ),
    "AGO": ("", "Angolan|Angolans", "Luanda", ""),
    "AIA": ("", "Anguillan", "The Valley", ""),
    "ALA": ("Aland Islands|Aland", "Alandic|Alander", "Mariehamn", ""),
    "ALB": ("", "Albanian|Albanians", "Tirana|Tirane", ""),
    "AND": ("", "Andorran", "Andorra la Vella", ""),
    "ARE": (
        "UAE|U.A.E.|Emirates|the Emirates|United Arab Emirates",
        "Emirati|Emiratis",
        "Abu Dhabi",
        "",
    ),
    "ARG": (
        "Argentine Republic",
        "Argentine|Argentinian|Argentines|Argentinians",
        "Buenos Aires",
        "Casa Rosada",
    ),
    "ARM": ("", "Armenian|Armenians", "Yerevan|Erevan", ""),
    "ATG": ("Antigua", "Antiguan|Barbudan", "St. John's|Saint John's", ""),
    "AUS": ("", "Australian|Australians|Aussie", "Canberra", "Canberra"),
    "AUT": ("", "Austrian|Austrians", "Vienna", "Ballhausplatz"),
    "AZE": ("", "Azerbaijani|Azerbaijanis|Azeri|Azeris", "Baku", ""),
    "BDI": ("", "Burundian|Burundians", "Gitega|Bujumbura", ""),
    "BEL": ("", "Belgian|Belgians", "Brussels", ""),
    "BEN": ("", "Beninese|Beninois", "Porto-Novo|Cotonou", ""),
    "BFA": ("", "Burkinabe|Burkinabé", "Ouagadougou", ""),
    "BGD": ("", "Bangladeshi|Bangladeshis", "Dhaka|Dacca", ""),
    "BGR": ("", "Bulgarian|Bulgarians", "Sofia", ""),
    "BHR": ("", "Bahraini|Bahrainis", "Manama", ""),
    "BHS": ("The Bahamas", "Bahamian|Bahamians", "Nassau", ""),
    "BIH": ("Bosnia|Bosnia-Herzegovina|BiH", "Bosnian|Bosnians|Herzegovinian", "Sarajevo", ""),
    "BLR": (
        "Belarus|Byelorussia|Belorussia|Republic of Belarus|Bielorussia",
        "Belarusian|Belarusians|Belarussian|Byelorussian|Belorussian|Belarusan",
        "Minsk",
        "Palace of Independence|Drozdy",
    ),
    "BLZ": ("", "Belizean|Belizeans", "Belmopan", ""),
    "BMU": ("", "Bermudian|Bermudan", "Hamilton", ""),
    "BOL": ("", "Bolivian|Bolivians", "La Paz|Sucre", "Palacio Quemado"),
    "BRA": (
        "Federative Republic of Brazil|Brasil",
        "Brazilian|Brazilians",
        "Brasilia|Brasília",
        "Planalto|Planalto Palace|Itamaraty",
    ),
    "BRB": ("", "Barbadian|Barbadians|Bajan", "Bridgetown", ""),
    "BRN": ("Brunei Darussalam", "Bruneian|Bruneians", "Bandar Seri Begawan", ""),
    "BTN": ("", "Bhutanese", "Thimphu", ""),
    "BWA": ("", "Botswanan|Motswana|Batswana", "Gaborone", ""),
    "CAF": ("Central African Rep.", "Central African|Central Africans", "Bangui", ""),
    "CAN": ("", "Canadian|Canadians", "Ottawa", "Ottawa|Parliament Hill"),
    "CCK": ("Cocos Islands|Keeling Islands", "Cocos Islander", "West Island", ""),
    "CHE": ("Swiss Confederation", "Swiss", "Bern|Berne", ""),
    "CHL": ("", "Chilean|Chileans", "Santiago", "La Moneda"),
    "CHN": (
        "PRC|P.R.C.|People's Republic of China|Mainland China|Chinese mainland",
        "Chinese|Sino",
        "Beijing|Peking",
        "Zhongnanhai|Beijing",
    ),
    "CIV": ("Ivory Coast|Cote d'Ivoire", "Ivorian|Ivorians", "Yamoussoukro|Abidjan", ""),
    "CMR": ("", "Cameroonian|Cameroonians", "Yaounde|Yaoundé", ""),
    "COD": (
        "DRC|DR Congo|D.R. Congo|Congo-Kinshasa|Democratic Republic of Congo|Zaire",
        "Congolese",
        "Kinshasa",
        "Kinshasa",
    ),
    "COG": ("Congo-Brazzaville|Republic of Congo", "Congolese", "Brazzaville", ""),
    "COK": ("", "Cook Islander|Cook Islanders", "Avarua", ""),
    "COL": ("", "Colombian|Colombians", "Bogota|Bogotá", "Casa de Nariño"),
    "COM": ("Comoros", "Comoran|Comorian", "Moroni", ""),
    "CPV": ("Cabo Verde|Cape Verde", "Cape Verdean|Cabo Verdean", "Praia", ""),
    "CRI": ("", "Costa Rican|Costa Ricans", "San Jose|San José", ""),
    "CUB": ("", "Cuban|Cubans", "Havana", "Havana"),
    "CUW": ("Curacao", "Curacaoan|Curaçaoan", "Willemstad", ""),
    "CXR": ("", "Christmas Islander", "Flying Fish Cove", ""),
    "CYM": ("Caymans|Cayman", "Caymanian|Caymanians", "George Town", ""),
    "CYP": ("Republic of Cyprus", "Cypriot|Cypriots|Greek Cypriot", "Nicosia", ""),
    "CZE": ("Czech Republic|Czechia", "Czech|Czechs", "Prague", "Prague Castle"),
    "DEU": (
        "Federal Republic of Germany",
        "German|Germans",
        "Berlin",
        "the Chancellery|Bendlerblock|Bundestag",
    ),
    "DJI": ("", "Djiboutian|Djiboutians", "Djibouti City|Djibouti", ""),
    "DMA": ("", "Dominican|Dominicans", "Roseau", ""),
    "DNK": ("", "Danish|Dane|Danes", "Copenhagen", "Christiansborg"),
    "DOM": ("", "Dominican|Dominicans", "Santo Domingo", ""),
    "DZA": ("", "Algerian|Algerians", "Algiers", "El Mouradia"),
    "ECU": ("", "Ecuadorian|Ecuadorians|Ecuadorean", "Quito", "Carondelet"),
    "EGY": ("", "Egyptian|Egyptians", "Cairo", "Ittihadiya"),
    "ERI": ("", "Eritrean|Eritreans", "Asmara", ""),
    "ESH": ("Sahrawi Republic|SADR", "Sahrawi|Sahrawis|Western Saharan", "Laayoune|El Aaiún", ""),
    "ESP": ("Kingdom of Spain", "Spanish|Spaniard|Spaniards", "Madrid", "Moncloa|La Moncloa"),
    "EST": ("", "Estonian|Estonians", "Tallinn", "Toompea"),
    "ETH": ("", "Ethiopian|Ethiopians", "Addis Ababa", ""),
    "FIN": ("", "Finnish|Finn|Finns", "Helsinki", ""),
    "FJI": ("", "Fijian|Fijians", "Suva", ""),
    "FLK": (
        "Falklands|Malvinas|Islas Malvinas",
        "Falkland Islander|Falkland Islanders",
        "Stanley|Port Stanley",
        "",
    ),
    "FRA": (
        "French Republic",
        "French|Frenchman|Frenchwoman",
        "Paris",
        "the Elysee|Elysee|the Élysée|Élysée|Elysee Palace|Élysée Palace|Quai d'Orsay"
        "|Hotel de Brienne|Matignon",
    ),
    "FRO": ("Faroes|Faeroe Islands", "Faroese", "Torshavn|Tórshavn", ""),
    "FSM": ("Federated States of Micronesia", "Micronesian|Micronesians", "Palikir", ""),
    "GAB": ("", "Gabonese", "Libreville", ""),
    "GBR": (
        "UK|U.K.|Britain|Great Britain|United Kingdom|the United Kingdom",
        "British|Briton|Britons|Brit|Brits",
        "London",
        "Downing Street|Number 10|No. 10|Whitehall|Westminster|the Foreign Office|Foreign Office",
    ),
    "GEO": ("", "Georgian|Georgians", "Tbilisi", ""),
    "GGY": ("", "Guernseyman", "St Peter Port|Saint Peter Port", ""),
    "GHA": ("", "Ghanaian|Ghanaians", "Accra", ""),
    "GIB": ("", "Gibraltarian|Gibraltarians", "Gibraltar", ""),
    "GIN": ("Guinea-Conakry", "Guinean|Guineans", "Conakry", ""),
    "GMB": ("The Gambia", "Gambian|Gambians", "Banjul", ""),
    "GNB": ("", "Bissau-Guinean|Bissau-Guineans", "Bissau", ""),
    "GNQ": ("", "Equatoguinean|Equatorial Guinean", "Malabo", ""),
    "GRC": ("Hellenic Republic", "Greek|Greeks|Hellenic", "Athens", "Maximos Mansion"),
    "GRD": ("", "Grenadian|Grenadians", "St. George's|Saint George's", ""),
    "GRL": ("", "Greenlandic|Greenlander|Greenlanders", "Nuuk", ""),
    "GTM": ("", "Guatemalan|Guatemalans", "Guatemala City", ""),
    "GUY": ("", "Guyanese", "Georgetown", ""),
    "HND": ("", "Honduran|Hondurans", "Tegucigalpa", ""),
    "HRV": ("", "Croatian|Croatians|Croat|Croats", "Zagreb", ""),
    "HTI": ("", "Haitian|Haitians", "Port-au-Prince", ""),
    "HUN": ("", "Hungarian|Hungarians", "Budapest", "Carmelite Monastery"),
    "IDN": ("", "Indonesian|Indonesians", "Jakarta|Nusantara", "Merdeka Palace"),
    "IMN": ("", "Manx", "Douglas", ""),
    "IND": (
        "Republic of India|Bharat",
        "Indian|Indians",
        "New Delhi|Delhi",
        "South Block|Raisina Hill|New Delhi",
    ),
    "IOT": ("Chagos Islands|Chagos Archipelago", "Chagossian|Chagossians", "Diego Garcia", ""),
    "IRL": ("Irish Republic|Eire|Éire", "Irish|Irishman", "Dublin", "Leinster House"),
    "IRN": (
        "Islamic Republic of Iran|Persia",
        "Iranian|Iranians|Persian",
        "Tehran|Teheran",
        "Tehran",
    ),
    "IRQ": ("", "Iraqi|Iraqis", "Baghdad", "Baghdad"),
    "ISL": ("", "Icelandic|Icelander|Icelanders", "Reykjavik|Reykjavík", ""),
    "ISR": ("", "Israeli|Israelis", "Jerusalem", "the Knesset"),
    "ITA": (
        "Italian Republic",
        "Italian|Italians",
        "Rome",
        "Palazzo Chigi|the Farnesina|Quirinale",
    ),
    "JAM": ("", "Jamaican|Jamaicans", "Kingston", ""),
    "JEY": ("", "Jerseyman", "Saint Helier|St Helier", ""),
    "JOR": ("Hashemite Kingdom of Jordan", "Jordanian|Jordanians", "Amman", ""),
    "JPN": ("Nippon", "Japanese", "Tokyo", "Kasumigaseki|Nagatacho|Kantei"),
    "KAZ": (
        "",
        "Kazakh|Kazakhs|Kazakhstani|Kazakhstanis",
        "Astana|Nur-Sultan|Almaty",
        "Akorda|Ak Orda",
    ),
    "KEN": ("", "Kenyan|Kenyans", "Nairobi", "State House"),
    "KGZ": ("Kirghizia|Kirgizia", "Kyrgyz|Kirghiz|Kyrgyzstani", "Bishkek", ""),
    "KHM": ("Kampuchea", "Cambodian|Cambodians|Khmer", "Phnom Penh", ""),
    "KIR": ("", "I-Kiribati|Kiribatian", "Tarawa|South Tarawa", ""),
    "KNA": (
        "St Kitts and Nevis|St. Kitts and Nevis|Saint Kitts",
        "Kittitian|Nevisian",
        "Basseterre",
        "",
    ),
    "KOR": (
        "ROK|R.O.K.|Republic of Korea|South Korea|S. Korea|S.Korea",
        "South Korean|South Koreans|S. Korean",
        "Seoul",
        "Cheong Wa Dae|the Blue House|Blue House|Yongsan",
    ),
    "KWT": ("State of Kuwait", "Kuwaiti|Kuwaitis", "Kuwait City", ""),
    "LAO": ("Lao PDR|Lao People's Democratic Republic", "Lao|Laotian|Laotians", "Vientiane", ""),
    "LBN": ("", "Lebanese", "Beirut", "Baabda"),
    "LBR": ("", "Liberian|Liberians", "Monrovia", ""),
    "LBY": ("", "Libyan|Libyans", "Tripoli", ""),
    "LCA": ("St Lucia|St. Lucia", "Saint Lucian|St Lucian", "Castries", ""),
    "LIE": ("", "Liechtensteiner|Liechtensteiners", "Vaduz", ""),
    "LKA": ("Ceylon", "Sri Lankan|Sri Lankans", "Colombo|Sri Jayawardenepura Kotte", ""),
    "LSO": ("", "Basotho|Mosotho|Lesothan", "Maseru", ""),
    "LTU": ("Republic of Lithuania", "Lithuanian|Lithuanians", "Vilnius", ""),
    "LUX": ("", "Luxembourgish|Luxembourger|Luxembourgers", "Luxembourg City|Luxembourg", ""),
    "LVA": ("Republic of Latvia", "Latvian|Latvians", "Riga", ""),
    "MAR": ("Kingdom of Morocco", "Moroccan|Moroccans", "Rabat", ""),
    "MCO": ("", "Monegasque|Monacan", "Monaco", ""),
    "MDA": ("Moldavia", "Moldovan|Moldovans", "Chisinau|Chișinău|Kishinev", ""),
    "MDG": ("", "Malagasy", "Antananarivo", ""),
    "MDV": ("", "Maldivian|Maldivians", "Male|Malé", ""),
    "MEX": (
        "United Mexican States",
        "Mexican|Mexicans",
        "Mexico City",
        "Palacio Nacional|National Palace|Los Pinos",
    ),
    "MHL": ("Republic of the Marshall Islands", "Marshallese", "Majuro", ""),
    "MKD": ("Macedonia|Republic of North Macedonia", "Macedonian|North Macedonian", "Skopje", ""),
    "MLI": ("", "Malian|Malians", "Bamako", ""),
    "MLT": ("", "Maltese", "Valletta", ""),
    "MMR": (
        "Burma|Republic of the Union of Myanmar",
        "Myanmar|Burmese",
        "Naypyidaw|Naypyitaw|Nay Pyi Taw|Yangon|Rangoon",
        "",
    ),
    "MNE": ("", "Montenegrin|Montenegrins", "Podgorica", ""),
    "MNG": (
        "Outer Mongolia",
        "Mongolian|Mongolians|Mongol",
        "Ulaanbaatar|Ulan Bator|Ulaan Baatar",
        "",
    ),
    "MOZ": ("", "Mozambican|Mozambicans", "Maputo", ""),
    "MRT": ("", "Mauritanian|Mauritanians", "Nouakchott", ""),
    "MSR": ("", "Montserratian", "Brades|Plymouth", ""),
    "MUS": ("", "Mauritian|Mauritians", "Port Louis", ""),
    "MWI": ("", "Malawian|Malawians", "Lilongwe", ""),
    "MYS": ("", "Malaysian|Malaysians", "Kuala Lumpur|Putrajaya", "Putrajaya|Wisma Putra"),
    "NAM": ("", "Namibian|Namibians", "Windhoek", ""),
    "NER": ("", "Nigerien|Nigeriens", "Niamey", ""),
    "NFK": ("", "Norfolk Islander", "Kingston", ""),
    "NGA": ("", "Nigerian|Nigerians", "Abuja", "Aso Rock|Aso Villa"),
    "NIC": ("", "Nicaraguan|Nicaraguans", "Managua", ""),
    "NIU": ("", "Niuean", "Alofi", ""),
    "NLD": (
        "Holland|The Netherlands",
        "Dutch|Dutchman|Netherlander",
        "Amsterdam|The Hague",
        "The Hague|Binnenhof",
    ),
    "NOR": ("", "Norwegian|Norwegians", "Oslo", ""),
    "NPL": ("", "Nepali|Nepalese", "Kathmandu", "Singha Durbar"),
    "NRU": ("Nauru|Republic of Nauru", "Nauruan|Nauruans", "Yaren", ""),
    "NZL": ("Aotearoa", "New Zealander|New Zealanders|Kiwi", "Wellington", "the Beehive"),
    "OMN": ("Sultanate of Oman", "Omani|Omanis", "Muscat", ""),
    "PAK": ("", "Pakistani|Pakistanis", "Islamabad", "Rawalpindi|GHQ"),
    "PAN": ("", "Panamanian|Panamanians", "Panama City", ""),
    "PCN": ("Pitcairn Islands", "Pitcairn Islander", "Adamstown", ""),
    "PER": ("", "Peruvian|Peruvians", "Lima", "Palacio de Gobierno"),
    "PHL": (
        "the Philippines|Republic of the Philippines",
        "Philippine|Filipino|Filipinos|Filipina",
        "Manila",
        "Malacanang|Malacañang|Malacañang Palace",
    ),
    "PLW": ("", "Palauan|Palauans", "Ngerulmud|Melekeok", ""),
    "PNG": ("PNG", "Papua New Guinean|Papua New Guineans", "Port Moresby", ""),
    "POL": ("Republic of Poland", "Polish|Pole|Poles", "Warsaw", "Belweder|Belvedere Palace"),
    "PRK": (
        "DPRK|D.P.R.K.|North Korea|N. Korea|N.Korea|Democratic People's Republic of Korea",
        "North Korean|North Koreans|N. Korean",
        "Pyongyang",
        "Pyongyang|Ryongsong",
    ),
    "PRT": ("Portuguese Republic", "Portuguese", "Lisbon", "Belem Palace|São Bento"),
    "PRY": ("", "Paraguayan|Paraguayans", "Asuncion|Asunción", ""),
    "PSE": (
        "Palestine|State of Palestine|Palestinian territories|Palestinian Authority|"
        "occupied Palestinian territories",
        "Palestinian|Palestinians",
        "Ramallah|East Jerusalem",
        "Ramallah|Muqataa",
    ),
    "QAT": ("State of Qatar", "Qatari|Qataris", "Doha", "Doha"),
    "ROU": ("Rumania|Roumania", "Romanian|Romanians", "Bucharest", "Cotroceni|Cotroceni Palace"),
    "RUS": (
        "Russian Federation|Rossiya",
        "Russian|Russians",
        "Moscow",
        "the Kremlin|Kremlin|Smolenskaya Square|the Smolenskaya Square|Staraya Ploshchad",
    ),
    "RWA": ("", "Rwandan|Rwandans", "Kigali", "Urugwiro Village"),
    "SAU": ("KSA|Kingdom of Saudi Arabia", "Saudi|Saudis|Saudi Arabian", "Riyadh", "Riyadh"),
    "SDN": ("", "Sudanese", "Khartoum|Port Sudan", ""),
    "SEN": ("", "Senegalese", "Dakar", ""),
    "SGP": ("", "Singaporean|Singaporeans", "Singapore", "the Istana|Istana"),
    "SGS": ("", "", "King Edward Point", ""),
    "SHN": ("St Helena|St. Helena", "Saint Helenian", "Jamestown", ""),
    "SLB": ("", "Solomon Islander|Solomon Islanders", "Honiara", ""),
    "SLE": ("", "Sierra Leonean|Sierra Leoneans", "Freetown", ""),
    "SLV": ("", "Salvadoran|Salvadorans|Salvadorian", "San Salvador", ""),
    "SMR": ("", "Sammarinese", "San Marino|City of San Marino", ""),
    "SOM": ("", "Somali|Somalis", "Mogadishu", "Villa Somalia"),
    "SRB": ("", "Serbian|Serbians|Serb|Serbs", "Belgrade", ""),
    "SSD": ("", "South Sudanese", "Juba", ""),
    "STP": (
        "Sao Tome and Principe|São Tomé and Príncipe|Sao Tome",
        "Santomean|Sao Tomean",
        "Sao Tome|São Tomé",
        "",
    ),
    "SUR": ("", "Surinamese|Surinamer", "Paramaribo", ""),
    "SVK": ("Slovak Republic", "Slovak|Slovaks|Slovakian", "Bratislava", ""),
    "SVN": ("", "Slovenian|Slovenians|Slovene|Slovenes", "Ljubljana", ""),
    "SWE": ("", "Swedish|Swede|Swedes", "Stockholm", "Rosenbad"),
    "SWZ": ("Swaziland", "Swazi|Swazis|Liswati", "Mbabane|Lobamba", ""),
    "SXM": ("St Maarten|St. Maarten", "Sint Maartener", "Philipsburg", ""),
    "SYC": ("", "Seychellois", "Victoria", ""),
    "SYR": ("", "Syrian|Syrians", "Damascus", "Damascus"),
    "TCA": ("Turks and Caicos", "Turks and Caicos Islander", "Cockburn Town", ""),
    "TCD": ("", "Chadian|Chadians", "N'Djamena|Ndjamena", ""),
    "TGO": ("", "Togolese", "Lome|Lomé", ""),
    "THA": ("Siam|Kingdom of Thailand", "Thai|Thais", "Bangkok", "Government House"),
    "TJK": ("", "Tajik|Tajiks|Tajikistani", "Dushanbe", ""),
    "TKM": ("", "Turkmen|Turkmens|Turkmenistani", "Ashgabat|Ashkhabad", ""),
    "TLS": ("East Timor|Timor Leste", "Timorese|East Timorese", "Dili", ""),
    "TON": ("", "Tongan|Tongans", "Nuku'alofa", ""),
    "TTO": ("Trinidad", "Trinidadian|Tobagonian|Trinbagonian", "Port of Spain", ""),
    "TUN": ("", "Tunisian|Tunisians", "Tunis", "Carthage Palace"),
    "TUR": (
        "Turkey|Turkiye|Republic of Turkey|Republic of Türkiye",
        "Turkish|Turk|Turks",
        "Ankara",
        "Ankara|Bestepe|Beştepe|Cankaya",
    ),
    "TUV": ("", "Tuvaluan|Tuvaluans", "Funafuti", ""),
    "TWN": ("Republic of China|ROC|Chinese Taipei|Formosa", "Taiwanese", "Taipei", "Taipei"),
    "TZA": ("United Republic of Tanzania", "Tanzanian|Tanzanians", "Dodoma|Dar es Salaam", ""),
    "UGA": ("", "Ugandan|Ugandans", "Kampala", ""),
    "UKR": ("the Ukraine", "Ukrainian|Ukrainians", "Kyiv|Kiev", "Bankova"),
    "URY": ("", "Uruguayan|Uruguayans", "Montevideo", ""),
    "USA": (
        "US|U.S.|USA|U.S.A.|United States|the United States|United States of America",
        "American|Americans",
        "Washington|Washington, D.C.|Washington D.C.|Washington, DC",
        "the White House|White House|Washington|the Pentagon|Pentagon|the State Department|"
        "State Department|Capitol Hill|Foggy Bottom",
    ),
    "UZB": ("", "Uzbek|Uzbeks|Uzbekistani", "Tashkent", ""),
    "VAT": (
        "Vatican|Vatican City|the Holy See|the Vatican",
        "Vatican|Papal",
        "Vatican City",
        "the Vatican|Vatican",
    ),
    "VCT": (
        "St Vincent and the Grenadines|St. Vincent|Saint Vincent",
        "Vincentian",
        "Kingstown",
        "",
    ),
    "VEN": ("", "Venezuelan|Venezuelans", "Caracas", "Miraflores|Miraflores Palace"),
    "VGB": ("BVI", "British Virgin Islander", "Road Town", ""),
    "VNM": (
        "Viet Nam|Việt Nam|Socialist Republic of Vietnam|Socialist Republic of Viet Nam|SRV",
        "Vietnamese",
        "Hanoi|Ha Noi|Hà Nội",
        "Ba Dinh",
    ),
    "VUT": ("", "Ni-Vanuatu|Vanuatuan", "Port Vila", ""),
    "WLF": ("", "Wallisian|Futunan", "Mata-Utu", ""),
    "WSM": ("", "Samoan|Samoans", "Apia", ""),
    "XKX": ("", "Kosovar|Kosovars|Kosovan", "Pristina|Prishtina", ""),
    "YEM": ("", "Yemeni|Yemenis", "Sanaa|Sana'a|Aden", ""),
    "ZAF": (
        "RSA|South Africa",
        "South African|South Africans",
        "Pretoria|Cape Town",
        "Union Buildings|Tuynhuys",
    ),
    "ZMB": ("", "Zambian|Zambians", "Lusaka", ""),
    "ZWE": ("", "Zimbabwean|Zimbabweans", "Harare", ""),
}

ACRONYM = re.compile(r"^(?:[A-Z]{2,5}|(?:[A-Z]\.){2,4})$")


def split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def with_ascii(values: Iterable[str]) -> Iterator[str]:
    """Yield each value and, where it has diacritics, its ASCII folding."""
    for value in values:
        yield value
        folded = anyascii(value)
        if folded != value:
            yield folded


def strip_the(value: str) -> str:
    return value[4:] if value.lower().startswith("the ") else value


def load_territories() -> list[dict[str, Any]]:
    records = iter_jsonl_text(territories_jsonl())
    return [
        rec
        for rec in records
        if rec.get("alpha3")
        and not rec.get("is_historical")
        and (rec.get("is_country") or rec["code"] in EXTRA_CODES)
    ]


def rigour_names(rec: dict[str, Any]) -> list[str]:
    """Official English names plus acronyms such as UAE or DPRK from rigour."""
    names = [rec["name"], rec.get("full_name") or ""]
    if rec.get("in_sentence"):
        names.append(strip_the(rec["in_sentence"]))
    names.extend(n for n in rec.get("names_strong", []) if ACRONYM.match(n))
    return [n for n in names if n]


def demonym_variants(rec: dict[str, Any], demonyms: list[str]) -> list[str]:
    """rigour weak names that are one-letter English spelling variants of a curated demonym.

    rigour mixes many languages, so a variant must keep the first four and the last three
    letters of the curated form ("Ecuadorean" for "Ecuadorian", "Luxemburger" for
    "Luxembourger"); foreign forms such as "Jerman" or "Uisraeli" fail that test.
    """
    known = [d.casefold() for d in demonyms if len(d) >= 6]
    out = []
    for weak in rec.get("names_weak", []):
        if len(weak) < 7 or not re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", weak):
            continue
        folded = weak.casefold()
        if any(is_variant(folded, d) for d in known):
            out.append(weak)
    return out


def is_variant(word: str, known: str) -> bool:
    return (
        word[:4] == known[:4] and word[-3:] == known[-3:] and Levenshtein.distance(word, known) == 1
    )


def build_record(rec: dict[str, Any]) -> dict[str, Any]:
    alpha3 = rec["alpha3"].upper()
    extra_names, demonyms, capitals, metonyms = (split(v) for v in CURATED.get(alpha3, ("",) * 4))
    drop = DROP_NAMES.get(alpha3, set())
    name = NAME_OVERRIDES.get(alpha3, rec["name"])
    names = [n for n in rigour_names(rec) + extra_names if n.casefold() not in drop]
    if not capitals:
        capitals = list(rec.get("places") or [])[:1]
    demonyms = demonyms + demonym_variants(rec, demonyms)
    return {
        "id": alpha3,
        "alpha3": alpha3,
        "name": name,
        "names": unique(with_ascii([name, *names])),
        "demonyms": unique(with_ascii(demonyms)),
        "capitals": unique(with_ascii(capitals)),
        "metonyms": unique(metonyms),
        "qid": rec.get("qid"),
    }


def main() -> int:
    records = sorted((build_record(rec) for rec in load_territories()), key=lambda r: r["id"])
    missing = sorted(r["id"] for r in records if r["id"] not in CURATED)
    if missing:
        print(f"warning: no curated entry for {', '.join(missing)}", file=sys.stderr)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} countries to {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
