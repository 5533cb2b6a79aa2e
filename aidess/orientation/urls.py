from aidess.orientation.urls_advisor import urlpatterns as advisor_urls
from aidess.orientation.urls_request import urlpatterns as request_urls
from aidess.orientation.urls_satisfaction import urlpatterns as satisfaction_urls

app_name = "orientation"
urlpatterns = [*request_urls, *advisor_urls, *satisfaction_urls]
