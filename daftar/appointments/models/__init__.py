from daftar.appointments.models.booking import Appointment, NoShowRule, SlotSeat
from daftar.appointments.models.queue import Ticket

__all__ = ["Appointment", "NoShowRule", "SlotSeat", "Ticket"]
