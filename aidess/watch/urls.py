app_name = "watch"
urlpatterns = []
