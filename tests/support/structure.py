"""A small helsefellesskap for tests, using the Entra ids of the users in the Teams fixtures."""

from __future__ import annotations

from typing import Any

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"  # the tenant of the captured Teams fixtures
FOREIGN_TENANT = "b28fdbfd-2b78-4f93-b0f8-8881793f0f8f"

SECRETARIAT_AAD = "6b703ce3-6d14-4fe6-b90c-dc5f03657ae4"  # sender of channel_message_with_mention.json
MEMBER_AAD = "6d415fdd-f97e-4f70-ac45-e69601e4ecb2"  # sender of personal_message.json
LEADER_AAD = "c87bdf38-be54-466a-bd67-4029da348cc4"
OUTSIDER_AAD = "c33aafc4-646d-4543-9d4c-abd28e4d2110"  # in no body


def test_structure() -> dict[str, Any]:
    return {
        "community": "Helsefellesskapet Test",
        "tenants": [TENANT],
        "secretariat": [{"name": "Dave Sekretariat", "email": "dave@example.no", "aad_object_id": SECRETARIAT_AAD}],
        "bodies": [
            {"key": "PM", "name": "Partnerskapsmøtet", "kind": "partnerskapsmote", "meetings_per_year": 1},
            {
                "key": "SSU",
                "name": "Strategisk samarbeidsutvalg",
                "kind": "strategisk",
                "parent": "PM",
                "meetings_per_year": 8,
                "members": [
                    {
                        "name": "Lise Leder",
                        "email": "lise@example.no",
                        "aad_object_id": LEADER_AAD,
                        "role": "leder",
                        "represents": "Test HF",
                    },
                    {
                        "name": "Tien Medlem",
                        "email": "tien@example.no",
                        "aad_object_id": MEMBER_AAD,
                        "role": "medlem",
                        "represents": "Testby kommune",
                    },
                ],
            },
            {
                "key": "LSU",
                "name": "Lokalt samarbeidsutvalg Testby",
                "kind": "lokalt",
                "parent": "SSU",
                "meetings_per_year": 4,
                "members": [
                    {
                        "name": "Tien Medlem",
                        "email": "tien@example.no",
                        "aad_object_id": MEMBER_AAD,
                        "role": "leder",
                        "represents": "Testby kommune",
                    },
                ],
            },
        ],
    }


test_structure.__test__ = False  # type: ignore[attr-defined]  # a builder, not a test, despite its name
