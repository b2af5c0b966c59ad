"""One source for the size limits (issue 16): the OpenAPI document states the library's own
limits, so a request the document calls valid is never refused for its length."""

import pytest
from complaint_helpers import SITI

from sibaso.complaints import MAX_ATTACHMENTS, MAX_NAME, MAX_NOTE, MAX_TEXT


@pytest.fixture
def doc(client):
    return client.get("/openapi.json").json()["components"]["schemas"]


def test_the_document_states_the_librarys_limits(doc):
    complaint = doc["ComplaintBody"]["properties"]
    assert complaint["text"]["maxLength"] == MAX_TEXT
    assert complaint["reporter_name"]["maxLength"] == MAX_NAME
    assert complaint["attachments"]["maxItems"] == MAX_ATTACHMENTS
    note = doc["UpdateBody"]["properties"]["note"]
    assert max(v.get("maxLength", 0) for v in note.get("anyOf", [note])) == MAX_NOTE


def test_the_longest_valid_texts_are_accepted(client, doc, token):
    props = doc["ComplaintBody"]["properties"]
    body = {
        "reporter_nik": SITI,
        "reporter_name": ("Siti Aminah " * 50)[: props["reporter_name"]["maxLength"]].strip(),
        "phone": "0812-3456-7890",
        "category": "pelayanan",
        "text": ("Antrean terlalu lama. " * 1000)[: props["text"]["maxLength"]],
    }
    filed = client.post("/v1/complaints", json=body)
    assert filed.status_code == 201, filed.text
    note = doc["UpdateBody"]["properties"]["note"]
    longest = max(v.get("maxLength", 0) for v in note.get("anyOf", [note]))
    moved = client.post(
        f"/v1/officer/complaints/{filed.json()['ticket']}/status",
        json={"status": "diverifikasi", "note": "Sudah dicek. " * 1000},
        headers=token("tksk-stabat"),
    )
    assert moved.status_code == 422  # longer than the document allows: refused by the schema
    moved = client.post(
        f"/v1/officer/complaints/{filed.json()['ticket']}/status",
        json={"status": "diverifikasi", "note": ("Sudah dicek. " * 1000)[:longest]},
        headers=token("tksk-stabat"),
    )
    assert moved.status_code == 200, moved.text
