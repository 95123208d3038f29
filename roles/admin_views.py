"""Framework download and upload (with a preview) inside Django admin."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from roles import framework

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ROLE_PERMS = [
    f"roles.{action}_{model}" for action in ("add", "change", "delete") for model in ("role", "skill")
]


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Framework file (JSON)", help_text="The format of docs/framework-format.md, at most 5 MB."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB.")
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text.") from None
        try:
            self.data_obj = framework.parse(text)
        except framework.FrameworkError as exc:
            raise forms.ValidationError(exc.problems) from None
        self.text = text
        return upload


def export_framework(request):
    if not request.user.has_perm("roles.view_role"):
        raise PermissionDenied
    body = framework.dumps(framework.export())
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="careerpaths-framework-{stamp}.json"'
    return response


def import_framework(request):
    """Upload → validate and preview (a dry run) → confirm → load, all-or-nothing."""
    if not request.user.has_perms(ROLE_PERMS):
        raise PermissionDenied
    context = {**admin.site.each_context(request), "title": "Import a career framework"}
    if request.method == "POST" and request.POST.get("confirm"):
        try:
            data = framework.parse(request.POST.get("payload", ""))
            report = framework.load(data)
        except framework.FrameworkError as exc:
            context.update({"form": UploadForm(), "problems": exc.problems})
            return render(request, "admin/roles/framework_import.html", context, status=400)
        messages.success(request, f"Framework imported — {report.summary()}.")
        return redirect("admin:roles_role_changelist")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            context["form"] = form
            return render(request, "admin/roles/framework_import.html", context, status=400)
        try:
            report = framework.load(form.data_obj, dry_run=True)
        except framework.FrameworkError as exc:
            context.update({"form": form, "problems": exc.problems})
            return render(request, "admin/roles/framework_import.html", context, status=400)
        context.update({"form": form, "report": report, "payload": json.dumps(form.data_obj)})
        return render(request, "admin/roles/framework_import.html", context)
    context["form"] = form
    return render(request, "admin/roles/framework_import.html", context)
