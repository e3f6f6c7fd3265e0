"""Booking requests: validation, the store, the staff outbox and its command line.

Plain Python with no Rasa import; import from the module that does the job:
    bot.bookings.validation  normalise_uk_phone, validate_email, validate_name,
                             parse_preferred_time -> Result (value or Reason)
    bot.bookings.store       BookingStore, NewBooking, SubmitResult, Forgotten
    bot.bookings.forget      read_forget_key: a reference or phone to delete by
    bot.bookings.notify      OutboxSender (SMTP delivery of the outbox)
    bot.bookings.cli         `python -m bot.bookings` for staff
(Nothing is imported here, so the command line starts without loading dateparser.)
"""
