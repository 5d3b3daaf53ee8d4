from django.contrib import admin

from eigyo.accounts.models import Partner

admin.site.register(Partner)
