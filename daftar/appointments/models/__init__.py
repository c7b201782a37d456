from daftar.appointments.models.booking import Appointment, NoShowRule, SlotSeat

__all__ = ["Appointment", "NoShowRule", "SlotSeat"]
