//! The verified receiver for Zoho Cliq bots.
