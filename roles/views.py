from django.shortcuts import render


def home(request):
    return render(request, "roles/home.html")


def role_list(request):
    raise NotImplementedError


role_detail = compare = compare_pair = role_list
