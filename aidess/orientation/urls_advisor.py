urlpatterns = []  # the advisors and managers side
