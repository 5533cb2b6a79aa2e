from django.apps import AppConfig


class InstructionConfig(AppConfig):
    name = "aidess.instruction"
    verbose_name = "Instruction des demandes"
