"""The demo loads through the actions, once."""

from __future__ import annotations

import pytest

from egov.participation.models import Consultation, Petition, PetitionStatus, Proposal
from egov.portal.demo import load_demo


@pytest.mark.django_db
def test_the_demo_loads_and_loads_again_without_duplicates() -> None:
    first = load_demo()
    assert first["participation"] == 7
    assert load_demo()["participation"] == 0
    assert Proposal.objects.get().status == "adopted"
    petition = Petition.objects.get()
    assert (petition.status, petition.signature_count) == (PetitionStatus.OPEN, 5)
    assert Consultation.objects.get().options.count() == 3
