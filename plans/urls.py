from django.urls import path

from plans.views import home

urlpatterns = [
    path("", home.home, name="home"),
]
