import io
import json
import zipfile

import pytest
from django.urls import reverse


def download(client) -> dict[str, object]:
    """The export as {filename: parsed content}, read through the streaming response."""
    response = client.get(reverse("privacy:data_download"))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return {
        name: archive.read(name).decode()
        if name.endswith(".txt")
        else json.loads(archive.read(name))
        for name in archive.namelist()
    }


@pytest.fixture
def logged_in(client, member):
    client.force_login(member)
    return client
