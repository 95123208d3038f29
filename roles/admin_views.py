"""Framework download and upload (preview, then confirm) inside Django admin.

The uploaded file stays on the server between preview and confirmation (``FrameworkUpload``),
so confirming sends only its id; the preview is an in-memory comparison that writes nothing.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from roles import caching, framework
from roles.framework.history import digest, log_import
from roles.models import FrameworkUpload

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PROBLEMS_SHOWN = 200
TEMPLATE = "admin/roles/framework_import.html"
ROLE_PERMS = [
    f"roles.{action}_{model}" for action in ("add", "change", "delete") for model in ("role", "skill")
]


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Framework file (JSON)", help_text="The format of docs/framework-format.md, at most 5 MB."
    )

    too_large = False

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            self.too_large = True
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; files of at most 5 MB can be imported. "
                "For a larger framework, use the import_framework command."
            )
        try:
            self.text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text.") from None
        return upload


class ConfirmForm(forms.Form):
    upload = forms.UUIDField()


def export_framework(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("roles.view_role"):
        raise PermissionDenied
    body = framework.dumps(framework.export())
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="careerpaths-framework-{stamp}.json"'
    return response


def import_framework(request: HttpRequest) -> HttpResponse:
    """Upload → validate and preview → confirm → load, all-or-nothing."""
    if not request.user.has_perms(ROLE_PERMS):
        raise PermissionDenied
    context = {**admin.site.each_context(request), "title": "Import a career framework", "form": UploadForm()}
    if request.method != "POST":
        return render(request, TEMPLATE, context)
    if "upload" in request.POST:
        return _confirm(request, context)
    form = UploadForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=413 if form.too_large else 400)
    token = caching.current_token() or ""  # read before the comparison it stands for
    try:
        report = framework.load(framework.parse(form.text), dry_run=True)
    except framework.FrameworkError as exc:
        return _problems(request, context, exc.problems)
    upload = FrameworkUpload.stage(
        user=request.user,
        name=form.cleaned_data["file"].name,
        text=form.text,
        sha256=digest(form.text),
        framework_token=token,
    )
    return render(request, TEMPLATE, {**context, "report": report, "upload": upload})


def _problems(request: HttpRequest, context: dict, problems: list[str]) -> HttpResponse:
    context.update(
        problems=problems[:MAX_PROBLEMS_SHOWN],
        problem_count=len(problems),
        problems_hidden=max(0, len(problems) - MAX_PROBLEMS_SHOWN),
    )
    return render(request, TEMPLATE, context, status=400)


def _confirm(request: HttpRequest, context: dict) -> HttpResponse:
    confirm = ConfirmForm(request.POST)
    upload = None
    if confirm.is_valid():
        upload = (
            FrameworkUpload.objects.pending_for(request.user)
            .filter(pk=confirm.cleaned_data["upload"])
            .first()
        )
    if upload is None:  # expired, already imported, or someone else's: all look the same
        context["gone"] = True
        return render(request, TEMPLATE, context, status=404)
    try:
        data = framework.parse(upload.text)
        with transaction.atomic():
            token = caching.current_token() or ""
            if token != upload.framework_token:  # edited since the preview: preview again
                report = framework.load(data, dry_run=True)
                upload.framework_token = token
                upload.save(update_fields=["framework_token"])
                context.update(report=report, upload=upload, changed_since=True)
                return render(request, TEMPLATE, context, status=409)
            report = framework.load(data)
            log_import(user_id=upload.user_id, source=upload.name, text=upload.text, report=report)
            upload.delete()
    except framework.FrameworkError as exc:
        return _problems(request, context, exc.problems)
    messages.success(request, f"Framework imported — {report.summary()}.")
    return redirect("admin:roles_role_changelist")
