"""Pages of the cell meetings: the cell's meetings, one meeting's agenda with a decision per
alert, the minutes closed and exported as PDF. Only the cell's current members (404 otherwise)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from aidess.watch.meeting_forms import DecisionForm, MeetingForm
from aidess.watch.meetings import MeetingClosed, close_minutes, generate_agenda, record_decision
from aidess.watch.minutes import minutes_docx, minutes_pdf
from aidess.watch.models import AgendaItem, Meeting
from aidess.watch.permissions import cells_of


def meeting_of(user, pk):
    return get_object_or_404(Meeting.objects.filter(cell__in=cells_of(user)), pk=pk)


@login_required
def meetings(request):
    cells = cells_of(request.user)
    if not cells.exists():
        raise Http404
    form = MeetingForm(
        request.POST or None,
        cells=cells,
        initial={"held_on": timezone.localdate(), "title": "Réunion de la cellule"},
    )
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.created_by = request.user
        meeting.save()
        added = generate_agenda(meeting)
        messages.success(request, f"Réunion créée : {len(added)} signalements à l'ordre du jour.")
        return redirect("watch:meeting", meeting.pk)
    listed = Meeting.objects.filter(cell__in=cells).select_related("cell")
    return render(request, "watch/meetings.html", {"meetings": listed, "form": form})


@login_required
def meeting(request, pk):
    found = meeting_of(request.user, pk)
    items = found.items.select_related("alert__structure").order_by("position", "pk")
    return render(
        request,
        "watch/meeting.html",
        {"meeting": found, "items": items, "decision_form": DecisionForm()},
    )


@login_required
@require_POST
def refresh_agenda(request, pk):
    found = meeting_of(request.user, pk)
    try:
        added = generate_agenda(found)
    except MeetingClosed:
        messages.error(request, "Le compte rendu est arrêté : l'ordre du jour ne change plus.")
    else:
        messages.success(request, f"{len(added)} signalement(s) ajouté(s) à l'ordre du jour.")
    return redirect("watch:meeting", found.pk)


@login_required
@require_POST
def decide(request, pk, item_pk):
    found = meeting_of(request.user, pk)
    item = get_object_or_404(AgendaItem, meeting=found, pk=item_pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        items = found.items.select_related("alert__structure").order_by("position", "pk")
        return render(
            request,
            "watch/meeting.html",
            {
                "meeting": found,
                "items": items,
                "decision_form": DecisionForm(),
                "invalid": item.pk,
                "invalid_form": form,
            },
            status=400,
        )
    try:
        record_decision(item, form.cleaned_data["decision"])
    except MeetingClosed:
        messages.error(request, "Le compte rendu est arrêté : les décisions ne changent plus.")
    return redirect(reverse("watch:meeting", args=[found.pk]) + f"#point-{item.pk}")


@login_required
@require_POST
def close(request, pk):
    found = meeting_of(request.user, pk)
    try:
        close_minutes(found)
    except MeetingClosed:
        messages.error(request, "Le compte rendu est déjà arrêté.")
    return redirect("watch:meeting", found.pk)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = {"pdf": (minutes_pdf, "application/pdf"), "docx": (minutes_docx, DOCX)}


@login_required
def minutes(request, pk, extension):
    found = meeting_of(request.user, pk)
    write, content_type = FORMATS[extension]
    response = HttpResponse(write(found), content_type=content_type)
    name = f"compte-rendu-{found.held_on:%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
