from django.contrib import admin

from eigyo.partners.models import Partner

admin.site.register(Partner)
