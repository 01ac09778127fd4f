"""The values of the project's vocabularies that the analysis reads, as plain strings.

The analysis imports no Django, so it cannot read `facts.choices`; these constants carry the
same values (a test checks each one against its choice), so no step spells a kind by hand.
"""

# ActorKind
PERSON = "person"
STATE = "state"
ARMED_FORCE = "armed-force"
ARMED_GROUP = "armed-group"
MERCENARY = "mercenary"
MILITARY_OPERATION = "military-operation"
GOVERNMENT_BODY = "government-body"
INTERNATIONAL_ORGANISATION = "international-organisation"
MEDIA = "media"
OTHER = "other"

# ReviewStatus
REJECTED = "rejected"
