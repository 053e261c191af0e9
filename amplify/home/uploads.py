"""Checking an uploaded document or image (outcome evidence, showcase material): the core's
rule (amplify.core.outcomes.file_problem) told in the reader's language, with the size limit
of the settings. The people importer's own check is the model: the same "larger than N MB"
message, a limit from the environment."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from amplify.core.outcomes import ACCEPTED_EXTENSIONS, file_problem


def accepted_types_text() -> str:
    return ", ".join(ACCEPTED_EXTENSIONS)


def upload_check(file: UploadedFile, *, field: str) -> None:
    """Raise a ValidationError naming `field` unless the file is an accepted document or
    image no larger than AMPLIFY_UPLOAD_MAX_BYTES."""
    max_bytes = settings.AMPLIFY_UPLOAD_MAX_BYTES
    size = file.size or 0
    head = b""
    if 0 < size <= max_bytes:
        file.seek(0)
        head = file.read(16)
        file.seek(0)
    problem = file_problem(filename=file.name or "", size=size, head=head, max_bytes=max_bytes)
    if problem is None:
        return
    if problem.code == "empty":
        message = _("The file is empty.")
    elif problem.code == "too_large":
        message = _("The file is larger than %(limit)s MB.") % {"limit": problem.limit_mb}
    elif problem.code == "wrong_type":
        message = _("This type of file is not accepted: upload one of %(types)s.") % {
            "types": accepted_types_text()
        }
    else:
        message = _("The file's content is not what its name says (%(name)s).") % {
            "name": file.name
        }
    raise ValidationError({field: message})
