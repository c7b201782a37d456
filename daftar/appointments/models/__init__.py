from daftar.appointments.models.booking import Appointment
from daftar.appointments.models.queue import Ticket

__all__ = ["Appointment", "Ticket"]
