urlpatterns = []  # the structure side: requests for help
