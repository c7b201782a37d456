from daftar.appointments.models.booking import Appointment

__all__ = ["Appointment"]
