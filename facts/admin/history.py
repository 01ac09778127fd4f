"""How the admin's history page shows one change: values as a curator reads them."""

from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

EMPTY = "—"


class CuratedHistoryHelper(HistoricalRecordContextHelper):
    """An empty link shows as "—": simple-history renders a foreign key that was None as
    "Deleted user (pk=None)", as if someone had been removed."""

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, DeletedObject) and value.pk is None:
            return EMPTY
        if value is None or value == "":
            return EMPTY
        return super().prepare_delta_change_value(change, value)
