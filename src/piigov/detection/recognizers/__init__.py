"""Dutch Presidio recognizers, one per module (importing this package imports Presidio)."""

from piigov.detection.recognizers.nl_bsn_recognizer import NlBsnRecognizer
from piigov.detection.recognizers.nl_date_recognizer import NlDateRecognizer
from piigov.detection.recognizers.nl_gedcom_recognizer import NlGedcomRecognizer
from piigov.detection.recognizers.nl_id_card_recognizer import NlIdCardRecognizer
from piigov.detection.recognizers.nl_location_recognizer import NlLocationRecognizer
from piigov.detection.recognizers.nl_passport_recognizer import NlPassportRecognizer
from piigov.detection.recognizers.nl_person_recognizer import NlPersonRecognizer
from piigov.detection.recognizers.nl_phone_recognizer import NlPhoneRecognizer
from piigov.detection.recognizers.nl_postcode_recognizer import NlPostcodeRecognizer
from piigov.detection.recognizers.nl_religion_recognizer import NlReligionRecognizer
from piigov.detection.recognizers.nl_table_recognizer import NlTableRecognizer

__all__ = [
    "NlBsnRecognizer",
    "NlDateRecognizer",
    "NlGedcomRecognizer",
    "NlIdCardRecognizer",
    "NlLocationRecognizer",
    "NlPassportRecognizer",
    "NlPersonRecognizer",
    "NlPhoneRecognizer",
    "NlPostcodeRecognizer",
    "NlReligionRecognizer",
    "NlTableRecognizer",
]
