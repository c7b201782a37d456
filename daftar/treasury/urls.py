from django.urls import path

from daftar.treasury import views

app_name = "treasury"

urlpatterns = [
    path("files/<str:tracking_code>/pay/", views.pay_online, name="pay_online"),
    path("files/<str:tracking_code>/pay/card/", views.pay_at_counter, name="pay_at_counter"),
    path(
        "files/<str:tracking_code>/payments/<int:pk>/receipt/",
        views.payment_receipt,
        name="payment_receipt",
    ),
    path("gateway-sim/<str:token>/", views.gateway_sim, name="gateway_sim"),
    path("treasury/gateway/callback/", views.gateway_callback, name="gateway_callback"),
    path("treasury/gateway/pay/<str:token>/", views.gateway_redirect, name="gateway_redirect"),
    path("receipts/verify/<str:code>/", views.receipt_verify, name="receipt_verify"),
    path("treasury/", views.dashboard, name="dashboard"),
    path("treasury/reconciliation/", views.reconciliation, name="reconciliation"),
    path("treasury/reconciliation/<str:day>/", views.day, name="day"),
    path("treasury/reconciliation/<str:day>/close/", views.close_day, name="close_day"),
    path("treasury/lines/<int:pk>/resolve/", views.resolve, name="resolve"),
    path("treasury/slips/", views.slip, name="slip"),
    path("treasury/settlements/", views.settlements, name="settlements"),
    path("treasury/settlements/preview/", views.settlement_preview, name="settlement_preview"),
    path("treasury/settlements/<int:pk>/", views.settlement, name="settlement"),
    path("treasury/refunds/", views.refunds, name="refunds"),
    path(
        "treasury/refunds/files/<str:tracking_code>/", views.refund_preview, name="refund_preview"
    ),
    path("treasury/penalties/", views.penalties, name="penalties"),
    path("treasury/summary/", views.summary, name="summary"),
    path("treasury/psp/", views.psp_transactions, name="psp_transactions"),
    path("treasury/psp/<int:pk>/", views.psp_transaction, name="psp_transaction"),
    path("my-office/statement/", views.office_statement, name="office_statement"),
]
