from aidess.watch.intake_urls import urlpatterns as intake_urls
from aidess.watch.meeting_urls import urlpatterns as meeting_urls

app_name = "watch"
urlpatterns = [*meeting_urls, *intake_urls]
