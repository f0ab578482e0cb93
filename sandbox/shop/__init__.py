"""The sandbox's demo shop: an H5 page of an official account that logs its visitor in through the web service."""
